package dev.gatehouse.application.port.in;

/** Every way starting an enrolment can end. */
public sealed interface StartTwoFactorResult {

    /**
     * A new pending secret: {@code secret} in base32 for typing in, {@code otpauthUri} for a QR code (issuer and account
     * named). Shown this once; the user confirms with a code from it.
     */
    record Started(String secret, String otpauthUri) implements StartTwoFactorResult {

        @Override
        public String toString() {
            return "Started[redacted]";
        }
    }

    /** The user already has an active second factor: remove it first. Nothing changed. */
    record AlreadyActive() implements StartTwoFactorResult {
    }

    record InvalidToken() implements StartTwoFactorResult {
    }

    record InactiveUser() implements StartTwoFactorResult {
    }
}
