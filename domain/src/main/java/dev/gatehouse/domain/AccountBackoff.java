package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Exponential backoff per account: after the n-th consecutive failure the account refuses attempts for
 * {@code firstDelay * 2^(n-1)}, at most {@code maxDelay}. A quiet period without failures starts the count
 * afresh, as does a successful login. It slows guessing to a crawl without locking the owner out for long.
 */
public record AccountBackoff(Duration firstDelay, Duration maxDelay, Duration quietPeriod) implements FailurePolicy {

    public static final AccountBackoff DEFAULT =
            new AccountBackoff(Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1));

    public AccountBackoff {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < firstDelay <= maxDelay");
        }
        if (quietPeriod.compareTo(maxDelay) < 0) {
            throw new IllegalArgumentException("the quiet period must be at least the longest delay");
        }
    }

    @Override
    public FailedAttempts afterFailure(FailedAttempts before, Instant now) {
        boolean quietSince = before.count() == 0 || !now.isBefore(before.lastFailureAt().plus(quietPeriod));
        int count = quietSince ? 1 : before.count() + 1;
        Instant first = quietSince ? now : before.firstFailureAt();
        return new FailedAttempts(count, first, now, now.plus(delayAfter(count)));
    }

    /** One failure fewer, and the delay that count imposes from the latest failure. */
    @Override
    public FailedAttempts withoutOneFailure(FailedAttempts charged) {
        if (charged.count() <= 1) {
            return FailedAttempts.NONE;
        }
        int count = charged.count() - 1;
        return new FailedAttempts(count, charged.firstFailureAt(), charged.lastFailureAt(),
                charged.lastFailureAt().plus(delayAfter(count)));
    }

    /** The delay imposed after {@code failures} consecutive failures. */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        // Doubling 30 times already exceeds any sane cap; stop before the shift overflows.
        int doublings = Math.min(failures - 1, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
