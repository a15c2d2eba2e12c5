package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import java.time.Duration;

/** Every way a login can end; callers switch over it exhaustively. */
public sealed interface LogInResult {

    /**
     * The credentials were right; the token carries the scopes actually granted, {@code refreshToken} renews
     * it (once; each use returns the next), and {@code knownDevice} is the credential that lets this client
     * through a future throttle.
     */
    record LoggedIn(AccessToken accessToken, String refreshToken, String knownDevice) implements LogInResult {

        @Override
        public String toString() {
            return "LoggedIn[" + accessToken + ", refreshToken=redacted, knownDevice=redacted]";
        }
    }

    /**
     * Unknown user, wrong password or disabled account: deliberately one outcome, so callers cannot tell
     * which.
     */
    record InvalidCredentials() implements LogInResult {
    }

    /**
     * Too many recent failures for this account or client; nothing was checked. Answer it like
     * {@link InvalidCredentials}, adding only when to retry.
     */
    record Throttled(Duration retryAfter) implements LogInResult {
    }

    /** Password hashing is at capacity; nothing was checked. Try again shortly. */
    record Overloaded(Duration retryAfter) implements LogInResult {
    }

    /**
     * Clients are registered and this request's client is not one of them, or did not prove it (no client id,
     * an unknown one, a wrong or missing secret): RFC 6749's {@code invalid_client}. The user's credentials were
     * not looked at.
     */
    record InvalidClient() implements LogInResult {
    }

    /**
     * A registered client that may not use the password grant (a third-party one): RFC 6749's
     * {@code unauthorized_client}. The user's credentials were not looked at.
     */
    record UnauthorizedClient() implements LogInResult {
    }

    /**
     * The resource server asked for ({@code resource}, RFC 8707) is not one the client may obtain tokens for, or, at a
     * refresh, not the one the session was started for: RFC 8707's {@code invalid_target}. Nothing was issued.
     */
    record InvalidTarget() implements LogInResult {
    }

    /**
     * The password was right, but email verification is required and the account's address is not proven yet: no
     * token. Only someone who knows the password learns this, so it tells a guesser nothing.
     */
    record EmailNotVerified() implements LogInResult {
    }

    /**
     * The password was right and the account has a second factor: no token yet. {@code mfaToken} (single-use, for
     * {@code expiresIn}) and a one-time or recovery code complete the login ({@link MfaLogInUseCase}).
     */
    record MfaRequired(String mfaToken, Duration expiresIn) implements LogInResult {

        @Override
        public String toString() {
            return "MfaRequired[mfaToken=redacted, expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * At the second step: the {@code mfa_token} is unknown, expired, already used, for another client, or from before
     * the account's last security change. Nothing was checked.
     */
    record InvalidMfaToken() implements LogInResult {
    }

    /**
     * The password is right, but the scopes asked for are those of a role that needs a second factor, and the account
     * has none: no token. The account can still get a token without those scopes, to enrol a second factor.
     */
    record MfaEnrollmentRequired() implements LogInResult {
    }
}
