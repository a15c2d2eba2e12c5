package dev.gatehouse.application.port.in;

import java.util.Objects;

/** Every way a browser's arrival at the authorization endpoint can end; callers switch over it exhaustively. */
public sealed interface StartAuthorizationResult {

    /** The request is valid and nobody is signed in (or the client asked to sign in again): show the sign-in page. */
    record SignInRequired(SignInForm form) implements StartAuthorizationResult {

        public SignInRequired {
            Objects.requireNonNull(form, "form");
        }
    }

    /** The browser's session is still good: a code is issued at once, without asking again. */
    record Authorized(IssuedCode code) implements StartAuthorizationResult {

        public Authorized {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * Signed in, but the client is a third party the person has not allowed (all) the requested scopes, or it asked to
     * be allowed again ({@code prompt=consent}): show the consent page.
     */
    record ConsentRequired(ConsentForm form) implements StartAuthorizationResult {

        public ConsentRequired {
            Objects.requireNonNull(form, "form");
        }
    }

    /** The request cannot go on. */
    record Failed(AuthorizationError error) implements StartAuthorizationResult {

        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
