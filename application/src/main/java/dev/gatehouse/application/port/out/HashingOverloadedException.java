package dev.gatehouse.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link PasswordHasher} that has no capacity left: hashing is deliberately expensive, so a flood
 * of logins must be turned away at once rather than queued without limit.
 */
public final class HashingOverloadedException extends RuntimeException {

    private final Duration retryAfter;

    public HashingOverloadedException(Duration retryAfter) {
        super("password hashing is at capacity", null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** A hint for the client's {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
