package dev.gatehouse.application.port.in;

import java.time.Duration;
import java.util.Objects;

/** Every way a sign-in on the page can end; callers switch over it exhaustively. */
public sealed interface SignInResult {

    /**
     * Signed in: the code goes to the client; {@code browserSession} is the cookie value that spares the person the
     * page next time, valid for {@code sessionLifetime}; {@code knownDevice} lets this browser through a future
     * throttle, as after a password-grant login. Both are redacted in {@link #toString()}.
     */
    record SignedIn(IssuedCode code, String browserSession, Duration sessionLifetime, String knownDevice)
            implements SignInResult {

        public SignedIn {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(browserSession, "browserSession");
            Objects.requireNonNull(sessionLifetime, "sessionLifetime");
            Objects.requireNonNull(knownDevice, "knownDevice");
        }

        @Override
        public String toString() {
            return "SignedIn[" + code + ", browserSession=redacted, knownDevice=redacted]";
        }
    }

    /** Unknown user, wrong password or disabled account, one outcome as at the token endpoint: show the form again. */
    record InvalidCredentials(SignInForm form) implements SignInResult {
    }

    /** Too many recent failures; nothing was checked. Show the form again with when to retry. */
    record Throttled(SignInForm form, Duration retryAfter) implements SignInResult {
    }

    /** Password hashing is at capacity; nothing was checked. Show the form again, asking to retry shortly. */
    record Overloaded(SignInForm form, Duration retryAfter) implements SignInResult {
    }

    /**
     * The form came back without the token Gatehouse gave this browser for this request (expired, from another
     * browser, or forged by another site): nothing was checked. The person starts again from the application.
     */
    record FormRejected() implements SignInResult {
    }

    /** The authorization request the form carried cannot go on. */
    record Failed(AuthorizationError error) implements SignInResult {

        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The password was right, but email verification is required and the address is not proven yet; {@code form} again. */
    record EmailNotVerified(SignInForm form) implements SignInResult {
    }

    /**
     * The password is right and the account has an active second factor: nothing was issued yet (no code, no browser
     * session). Show {@code form}, the second step, which asks for the code within a few minutes.
     */
    record SecondFactorRequired(SignInCodeForm form) implements SignInResult {

        public SecondFactorRequired {
            Objects.requireNonNull(form, "form");
        }
    }
}
