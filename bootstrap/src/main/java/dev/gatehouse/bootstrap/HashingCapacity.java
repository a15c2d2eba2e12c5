package dev.gatehouse.bootstrap;

import java.time.Duration;

/**
 * How much password hashing may run at once and how many requests may wait for it. Each argon2 hash
 * holds its memory cost in native memory, so concurrency is what bounds the process under a login flood;
 * requests beyond the queue are answered 503 at once.
 */
public record HashingCapacity(int maxConcurrent, int maxWaiting, Duration maxWait) {

    public HashingCapacity {
        if (maxConcurrent < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("hashing capacity needs maxConcurrent >= 1, maxWaiting >= 0, maxWait >= 0");
        }
    }
}
