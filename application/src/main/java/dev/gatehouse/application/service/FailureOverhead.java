package dev.gatehouse.application.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a failed login spends outside its password verification (taking the account's turn, counting the
 * failure: writes to the throttle store), as a moving average, and a wait of that length. A throttled attempt makes
 * none of those writes; without this wait its answer would come a few milliseconds early and tell a guesser that the
 * account is blocked, which is to say that it exists.
 */
final class FailureOverhead {

    /** Weight of the newest sample: about the last 16 failures count. */
    private static final double NEWEST = 1.0 / 16;
    private final AtomicLong typicalNanos = new AtomicLong(-1);

    /** A failed attempt took {@code totalNanos}, of which {@code verificationNanos} were the verification. */
    void record(long totalNanos, long verificationNanos) {
        long sample = Math.max(0, totalNanos - verificationNanos);
        typicalNanos.accumulateAndGet(sample, (typical, next) ->
                typical < 0 ? next : Math.round(typical + NEWEST * (next - typical)));
    }

    /** Waits what a failure typically spends outside its verification, less the {@code spentNanos} already spent. */
    void waitOut(long spentNanos) {
        long remaining = typicalNanos.get() - spentNanos;
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
