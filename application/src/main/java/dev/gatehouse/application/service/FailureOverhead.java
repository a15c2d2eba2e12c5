package dev.gatehouse.application.service;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

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
    private int recorded;

    /** A failed attempt took {@code totalNanos}, of which {@code verificationNanos} were the verification. */
    synchronized void record(long totalNanos, long verificationNanos) {
        recent[recorded % SAMPLES] = Math.max(0, totalNanos - verificationNanos);
        recorded++;
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
        if (recorded == 0) {
            return 0;
        }
        long[] samples = Arrays.copyOf(recent, Math.min(recorded, SAMPLES));
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
