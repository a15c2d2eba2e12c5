package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failed logins counted against one key (an account, a client address or a known device): how many
 * since {@code firstFailureAt}, the latest one, and until when further attempts are refused.
 */
public record FailedAttempts(int count, Instant firstFailureAt, Instant lastFailureAt, Instant blockedUntil) {

    /** Nothing has failed. */
    public static final FailedAttempts NONE = new FailedAttempts(0, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);

    public FailedAttempts {
        Objects.requireNonNull(firstFailureAt, "firstFailureAt");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        Objects.requireNonNull(blockedUntil, "blockedUntil");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    public boolean blocksAt(Instant now) {
        return now.isBefore(blockedUntil);
    }

    /** How long a client must wait at {@code now}; empty when it need not wait. */
    public Optional<Duration> retryAfter(Instant now) {
        return blocksAt(now) ? Optional.of(Duration.between(now, blockedUntil)) : Optional.empty();
    }
}
