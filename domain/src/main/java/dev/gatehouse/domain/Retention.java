package dev.gatehouse.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of expiring record is kept before housekeeping deletes it: failed-login records past every
 * throttle policy's memory, sessions past their absolute lifetime, revoked-token entries past the clock skew that
 * could still accept their tokens, and audit events past their retention period.
 */
public record Retention(Duration failedLogins, Duration sessions, Duration revokedTokens, Duration auditEvents) {

    public Retention {
        requirePositive(failedLogins, "failedLogins");
        requirePositive(sessions, "sessions");
        requireNotNegative(revokedTokens, "revokedTokens");
        requirePositive(auditEvents, "auditEvents");
    }

    private static void requirePositive(Duration duration, String name) {
        requireNotNegative(duration, name);
        if (duration.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }
}
