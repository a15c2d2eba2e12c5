package dev.gatehouse.application.port.in;

import java.util.Objects;

/** Every way an answer on the consent page can end; callers switch over it exhaustively. */
public sealed interface AnswerConsentResult {

    /** Allowed: the consent is remembered and the code goes to the client. */
    record Authorized(IssuedCode code) implements AnswerConsentResult {

        public Authorized {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * The form came back without the token Gatehouse gave this browser, for this person and this request (expired,
     * from another browser, altered, or forged by another site), or nobody is signed in any more: nothing was decided.
     */
    record FormRejected() implements AnswerConsentResult {
    }

    /**
     * The request cannot go on: it is invalid, or the person refused, in which case {@code error} sends the browser back
     * to the client with {@code access_denied}.
     */
    record Failed(AuthorizationError error) implements AnswerConsentResult {

        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
