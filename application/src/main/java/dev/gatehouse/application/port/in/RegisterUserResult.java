package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;
import java.time.Duration;

/** Every way a registration can end; callers switch over it exhaustively. */
public sealed interface RegisterUserResult {

    /** The account exists now. */
    record Registered(User user) implements RegisterUserResult {
    }

    /** Another account already has this username (compared case-insensitively). */
    record UsernameTaken() implements RegisterUserResult {
    }

    /** The password breaks the password policy; {@code reason} is safe to show the user. */
    record PasswordRejected(String reason) implements RegisterUserResult {
    }

    /** Password hashing is at capacity; nothing was stored. Try again shortly. */
    record Overloaded(Duration retryAfter) implements RegisterUserResult {
    }

    /** Email verification is required and no address was given, so the account could never sign in; nothing stored. */
    record EmailRequired() implements RegisterUserResult {
    }
}
