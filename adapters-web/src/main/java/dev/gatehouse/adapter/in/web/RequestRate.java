package dev.gatehouse.adapter.in.web;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket's shape: {@code burst} requests at once, then one every {@code interval}. {@link #UNLIMITED} admits
 * everything (for benchmarks and tests that hammer on purpose).
 */
public record RequestRate(int burst, Duration interval) {

    public static final RequestRate UNLIMITED = new RequestRate(Integer.MAX_VALUE, Duration.ofNanos(1));

    public RequestRate {
        Objects.requireNonNull(interval, "interval");
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /** {@code perInterval} requests per {@code interval}, with a burst of {@code burst}. */
    public static RequestRate of(int burst, int perInterval, Duration interval) {
        if (perInterval < 1) {
            throw new IllegalArgumentException("the rate must be at least 1 per interval");
        }
        return new RequestRate(burst, interval.dividedBy(perInterval));
    }

    boolean unlimited() {
        return burst == Integer.MAX_VALUE;
    }

    /** How long an empty bucket takes to fill again: a bucket idle that long is as good as a new one. */
    Duration refillTime() {
        return interval.multipliedBy(Math.min(burst, 1_000_000));
    }
}
