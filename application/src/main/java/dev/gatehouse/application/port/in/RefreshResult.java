package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import java.time.Duration;
import java.util.Objects;

/** Every way a refresh can end; callers switch over it exhaustively. */
public sealed interface RefreshResult {

    /**
     * A new access token and the next refresh token; the one presented is used up. A session that started with
     * {@code openid} through the sign-in page also gets a new ID token (OpenID Connect Core section 12.2).
     */
    record Refreshed(AccessToken accessToken, String refreshToken, java.util.Optional<String> idToken) implements RefreshResult {

        public Refreshed {
            Objects.requireNonNull(idToken, "idToken");
        }

        /** Without an ID token. */
        public Refreshed(AccessToken accessToken, String refreshToken) {
            this(accessToken, refreshToken, java.util.Optional.empty());
        }

        @Override
        public String toString() {
            return "Refreshed[" + accessToken + ", refreshToken=redacted]";
        }
    }

    /**
     * Unknown, expired, revoked or already used, issued to another client, or asking for scopes the session does
     * not hold: one outcome ({@code invalid_grant}, or {@code invalid_scope} when {@code scopeTooBroad}), so
     * callers learn nothing more.
     */
    record InvalidGrant(boolean scopeTooBroad) implements RefreshResult {
    }

    /**
     * Clients are registered and this request's client is not one of them or did not prove it: RFC 6749's
     * {@code invalid_client}. The refresh token was not looked at.
     */
    record InvalidClient() implements RefreshResult {
    }

    /** The session has refreshed too often lately: retry after {@code retryAfter}. The refresh token stays usable. */
    record Throttled(Duration retryAfter) implements RefreshResult {

        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The resource server asked for ({@code resource}, RFC 8707) is not one the client may obtain tokens for, or, at a
     * refresh, not the one the session was started for: RFC 8707's {@code invalid_target}. Nothing was issued.
     */
    record InvalidTarget() implements RefreshResult {
    }
}
