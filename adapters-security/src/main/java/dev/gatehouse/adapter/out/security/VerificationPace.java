package dev.gatehouse.adapter.out.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The typical duration of a hash operation, as a moving average of measured ones, and a wait of that
 * length: what {@code waitLikeAVerification} needs to make a throttled answer as slow as a checked one.
 */
final class VerificationPace {

    /** Weight of the newest sample: about the last 16 operations count. */
    private static final double NEWEST = 1.0 / 16;
    private final AtomicLong typicalNanos = new AtomicLong();

    void record(long nanos) {
        typicalNanos.accumulateAndGet(nanos, (typical, sample) ->
                typical == 0 ? sample : Math.round(typical + NEWEST * (sample - typical)));
    }

    Duration typical() {
        return Duration.ofNanos(typicalNanos.get());
    }

    void waitTypical() {
        try {
            Thread.sleep(typical());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
