package dev.gatehouse.application.service;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a failed login spends outside its password verification (taking the account's turn, counting the
 * failure: writes to the throttle store), as the median of the recent failures, and a wait of that length. A
 * throttled attempt makes none of those writes; without this wait its answer would come a few milliseconds early and
 * tell a guesser that the account is blocked, which is to say that it exists. The median, not the mean: a write now
 * and then waits for the disk, and a mean pulled up by those would make throttled answers the slower ones.
 */
final class FailureOverhead {

    private static final int SAMPLES = 31;
    private final long[] recent = new long[SAMPLES];
    private final AtomicInteger recorded = new AtomicInteger();

    /** A failed attempt took {@code totalNanos}, of which {@code verificationNanos} were the verification. */
    synchronized void record(long totalNanos, long verificationNanos) {
        recent[Math.floorMod(recorded.getAndIncrement(), SAMPLES)] = Math.max(0, totalNanos - verificationNanos);
    }

    /** Waits what a failure typically spends outside its verification, less the {@code spentNanos} already spent. */
    void waitOut(long spentNanos) {
        long remaining = typicalNanos() - spentNanos;
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized long typicalNanos() {
        int count = recorded.get();
        if (count == 0) {
            return 0;
        }
        // Past Integer.MAX_VALUE failures the count wraps negative; the buffer is full long before.
        long[] samples = Arrays.copyOf(recent, count < 0 || count > SAMPLES ? SAMPLES : count);
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
