package dev.gatehouse.application.port.in;

import java.time.Duration;

/** Every way asking to change the email address can end; callers switch over it exhaustively. */
public sealed interface ChangeEmailResult {

    /** A link is on its way to the new address; the account keeps its address until the link is used. */
    record Requested() implements ChangeEmailResult {
    }

    /** The token is invalid, expired or revoked. */
    record InvalidToken() implements ChangeEmailResult {
    }

    /** The token's user is disabled. */
    record InactiveUser() implements ChangeEmailResult {
    }

    /** The current password is wrong; counted like a failed password change. */
    record WrongCurrentPassword() implements ChangeEmailResult {
    }

    /** An external directory keeps the password: it cannot be checked here. */
    record PasswordInDirectory() implements ChangeEmailResult {
    }

    /** Too many wrong passwords (shared with the password change), or too many links for this account lately. */
    record Throttled(Duration retryAfter) implements ChangeEmailResult {
    }

    /** Password hashing is at capacity; nothing was checked. */
    record Overloaded(Duration retryAfter) implements ChangeEmailResult {
    }
}
