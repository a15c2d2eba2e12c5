package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A budget of failed logins per client address and window: past {@code maxFailures} in one window the client
 * is refused until the window ends. It stops one source spraying guesses across many accounts.
 */
public record ClientBudget(int maxFailures, Duration window) implements FailurePolicy {

    public static final ClientBudget DEFAULT = new ClientBudget(100, Duration.ofMinutes(10));

    public ClientBudget {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    @Override
    public FailedAttempts afterFailure(FailedAttempts before, Instant now) {
        boolean newWindow = before.count() == 0 || !now.isBefore(before.firstFailureAt().plus(window));
        int count = newWindow ? 1 : before.count() + 1;
        Instant windowStart = newWindow ? now : before.firstFailureAt();
        Instant blockedUntil = count >= maxFailures ? windowStart.plus(window) : Instant.EPOCH;
        return new FailedAttempts(count, windowStart, now, blockedUntil);
    }

    /** One failure fewer in the same window; below the budget again, the client is no longer refused. */
    @Override
    public FailedAttempts withoutOneFailure(FailedAttempts charged) {
        if (charged.count() <= 1) {
            return FailedAttempts.NONE;
        }
        int count = charged.count() - 1;
        return new FailedAttempts(count, charged.firstFailureAt(), charged.lastFailureAt(),
                count >= maxFailures ? charged.blockedUntil() : Instant.EPOCH);
    }
}
