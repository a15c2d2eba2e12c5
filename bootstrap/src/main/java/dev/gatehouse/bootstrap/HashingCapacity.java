package dev.gatehouse.bootstrap;

import java.time.Duration;

/**
 * How much password hashing may run at once and how many requests may wait for it. Each argon2 hash
 * holds its memory cost in native memory, so concurrency is what bounds the process under a login flood;
 * requests beyond the queue are answered 503 at once. Registrations may hold at most
 * {@code maxConcurrentRegistrations} of the permits (running or waiting), so that a registration flood leaves the
 * rest to logins.
 */
public record HashingCapacity(int maxConcurrent, int maxWaiting, Duration maxWait, int maxConcurrentRegistrations) {

    public HashingCapacity {
        if (maxConcurrent < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("hashing capacity needs maxConcurrent >= 1, maxWaiting >= 0, maxWait >= 0");
        }
        if (maxConcurrentRegistrations < 1 || maxConcurrentRegistrations > maxConcurrent) {
            throw new IllegalArgumentException("registrations may hold 1 to maxConcurrent hashing permits");
        }
    }

    /** Registrations get half the permits, at least one (so on one permit nothing is reserved). */
    public HashingCapacity(int maxConcurrent, int maxWaiting, Duration maxWait) {
        this(maxConcurrent, maxWaiting, maxWait, Math.max(1, maxConcurrent / 2));
    }
}
