package dev.gatehouse.application.port.in;

import java.time.Duration;
import java.util.Objects;

/** Every way the sign-in page's second step can end; callers switch over it exhaustively. */
public sealed interface SignInWithCodeResult {

    /**
     * Signed in: as {@link SignInResult.SignedIn}, the code goes to the client, and only now does the browser get its
     * session ({@code browserSession}, for {@code sessionLifetime}) and a known-device credential. Secrets redacted.
     */
    record SignedIn(IssuedCode code, String browserSession, Duration sessionLifetime, String knownDevice)
            implements SignInWithCodeResult {

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

    /** The code is wrong, already used, or neither field was filled in: the same {@code form} again. */
    record WrongCode(SignInCodeForm form) implements SignInWithCodeResult {
    }

    /** Too many wrong codes for this account lately; nothing was checked. The same form, with when to retry. */
    record Throttled(SignInCodeForm form, Duration retryAfter) implements SignInWithCodeResult {
    }

    /**
     * The challenge is unknown, expired, already used, or the account changed since the password was checked (its
     * sessions ended, it was disabled, its second factor removed): nothing was checked. The person starts again.
     */
    record ChallengeExpired() implements SignInWithCodeResult {
    }

    /**
     * The form came back without the token Gatehouse gave this browser for this request and this challenge (missing,
     * expired, from another browser, another request or another challenge): nothing was checked.
     */
    record FormRejected() implements SignInWithCodeResult {
    }

    /** The authorization request the form carried cannot go on. */
    record Failed(AuthorizationError error) implements SignInWithCodeResult {

        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
