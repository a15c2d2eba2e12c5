package dev.gatehouse.application.port.in;

import java.time.Duration;

/** Every way using a reset link can end; callers switch over it exhaustively. */
public sealed interface ConfirmPasswordResetResult {

    /** The password is set; every session and known device of the account ended, and a notice is on its way. */
    record Reset() implements ConfirmPasswordResetResult {
    }

    /** The link is unknown, used, expired, or its account is disabled: one answer for all. Nothing changed. */
    record InvalidToken() implements ConfirmPasswordResetResult {
    }

    /** The new password breaks the password policy, for the reason given; the link stays usable. */
    record PasswordRejected(String reason) implements ConfirmPasswordResetResult {
    }

    /** Too many invalid links from this client address lately; nothing was tried. */
    record Throttled(Duration retryAfter) implements ConfirmPasswordResetResult {
    }

    /** Password hashing is at capacity; nothing changed, the link stays usable. */
    record Overloaded(Duration retryAfter) implements ConfirmPasswordResetResult {
    }
}
