package dev.gatehouse.adapter.in.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory. Memory is bounded: buckets idle long enough to be full again are dropped (a
 * new one is just as full), at most once per refill time, and when more than {@code maxKeys} are held the idle ones
 * go first, then any, so a client rotating through countless keys can reset only buckets, never grow the map.
 */
final class TokenBuckets {

    private final RequestRate rate;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long refillNanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long nextSweep;

    TokenBuckets(RequestRate rate, int maxKeys, LongSupplier nanoTime) {
        this.rate = rate;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        this.intervalNanos = rate.interval().toNanos();
        this.refillNanos = Math.max(1, rate.refillTime().toNanos());
        this.nextSweep = nanoTime.getAsLong() + refillNanos;
    }

    /** Takes one request from {@code key}'s bucket; empty if admitted, else how long until the next one would be. */
    Optional<Duration> take(String key) {
        if (rate.unlimited()) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(now));
        long wait = bucket.take(now, intervalNanos, refillNanos);
        if (now - nextSweep >= 0 || buckets.size() > maxKeys) {
            sweep(now);
        }
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            nextSweep = now + refillNanos;
            buckets.values().removeIf(bucket -> bucket.full(now));
            Iterator<Bucket> any = buckets.values().iterator();
            // Near the cap, down to 90 % of it: a client cycling through new keys makes this walk once per tenth of the
            // cap, not once per request.
            while (buckets.size() > maxKeys - maxKeys / 10 && any.hasNext()) {
                any.next();
                any.remove();
            }
        } finally {
            sweeping.unlock();
        }
    }

    /**
     * A bucket kept as one instant (the generic cell rate algorithm): {@code fullAt}, when it will be full again if
     * nothing more is taken. It holds (refill - (fullAt - now)) / interval tokens; taking one moves fullAt on by one
     * interval, which is refused when fullAt would lie more than the refill time ahead.
     */
    private static final class Bucket {

        private long fullAt;

        Bucket(long fullAt) {
            this.fullAt = fullAt;
        }

        /** 0 if admitted, else nanoseconds until a token is back. */
        synchronized long take(long now, long interval, long refill) {
            long next = (fullAt - now < 0 ? now : fullAt) + interval;
            if (next - now > refill) {
                return next - now - refill;
            }
            fullAt = next;
            return 0;
        }

        /** Full again: dropping it forgets nothing. */
        synchronized boolean full(long now) {
            return fullAt - now <= 0;
        }
    }
}
