package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many hashes run at once, so that a flood of logins cannot exhaust memory: each argon2id hash holds
 * {@code m} KiB of native memory while it runs, so {@code maxConcurrent} hashes hold at most
 * {@code maxConcurrent * m} KiB. At most {@code maxWaiting} callers queue (first come, first served) for up to
 * {@code maxWait}; anyone else gets {@link HashingOverloadedException} at once, without any hashing work.
 * {@link #needsRehash} does no hashing and is never bounded.
 *
 * <p>The hashes run on {@code maxConcurrent} platform threads of their own, not on the caller's thread. A
 * native hash pins a virtual thread to its carrier for its whole run, so with Helidon's virtual thread per
 * request a handful of logins would occupy every carrier: nothing else would run, and a flood would queue in the
 * scheduler instead of being turned away. A caller waiting for its hash parks and frees its carrier. A caller
 * interrupted while it waits gets {@link HashingOverloadedException} and keeps its interrupt status; a hash
 * already running finishes on its own thread and only then frees its permit.
 */
public final class BoundedPasswordHasher implements PasswordHasher {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long KIB = 1024;
    // Idle hashing threads end after this; the next hash starts one again.
    private static final long KEEP_ALIVE_SECONDS = 30;

    private final PasswordHasher delegate;
    private final int maxConcurrent;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ThreadPoolExecutor hashingThreads;

    public BoundedPasswordHasher(PasswordHasher delegate, int maxConcurrent, int maxWaiting, Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative, got " + maxWaiting);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = saturatedNanos(maxWait);
        this.permits = new Semaphore(maxConcurrent, true);
        // Never more tasks than permits, so the queue stays empty; daemon threads, so nothing needs closing.
        this.hashingThreads = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("gatehouse-hashing-", 1).daemon().factory());
        this.hashingThreads.allowCoreThreadTimeOut(true);
    }

    /**
     * How many argon2id hashes with these parameters may run at once: as many as the memory budget holds, at
     * most one per core (more would only queue for the CPU while holding their memory), and at least one.
     * Budget for the configured parameters; verifying an older hash made with a larger {@code m} costs more.
     */
    public static int concurrencyFor(Argon2Parameters parameters, long memoryBudgetBytes, int cores) {
        Objects.requireNonNull(parameters, "parameters");
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must not be negative, got " + memoryBudgetBytes);
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        long fitting = memoryBudgetBytes / (parameters.memoryKiB() * KIB);
        return (int) Math.max(1, Math.min(cores, fitting));
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxWaiting() {
        return maxWaiting;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        return bounded(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        return bounded(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    /** Reads the hash's text only: no hashing, never bounded. */
    @Override
    public Optional<String> importRefusal(PasswordHash hash) {
        return delegate.importRefusal(hash);
    }

    /** Waiting holds no hashing memory, so it takes no permit. */
    @Override
    public void waitLikeAVerification() {
        delegate.waitLikeAVerification();
    }

    /**
     * This hasher for work that may hold at most {@code maxConcurrent} of its permits at once, such as registrations,
     * so a registration flood leaves the other permits to logins. Callers beyond the share wait for it apart from the
     * callers of the whole, in a queue of the same proportion of {@code maxWaiting} and for at most {@code maxWait};
     * beyond that they get {@link HashingOverloadedException} at once. A share as large as the whole reserves nothing.
     */
    public PasswordHasher limitedTo(int maxConcurrent) {
        if (maxConcurrent < 1 || maxConcurrent > this.maxConcurrent) {
            throw new IllegalArgumentException("a share must be 1 to " + this.maxConcurrent + " permits, got " + maxConcurrent);
        }
        return new Share(maxConcurrent, (int) ((long) maxWaiting * maxConcurrent / this.maxConcurrent));
    }

    /** A part of the permits; what it may not take is left to the callers of the whole. */
    private final class Share implements PasswordHasher {

        private final Semaphore slots;
        private final int maxWaiting;
        private final AtomicInteger waiting = new AtomicInteger();

        Share(int slots, int maxWaiting) {
            this.slots = new Semaphore(slots, true);
            this.maxWaiting = maxWaiting;
        }

        @Override
        public PasswordHash hash(PlainPassword password) {
            return within(() -> BoundedPasswordHasher.this.hash(password));
        }

        @Override
        public boolean verify(PlainPassword password, PasswordHash hash) {
            return within(() -> BoundedPasswordHasher.this.verify(password, hash));
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return delegate.needsRehash(hash);
        }

        @Override
        public Optional<String> importRefusal(PasswordHash hash) {
            return delegate.importRefusal(hash);
        }

        @Override
        public void waitLikeAVerification() {
            delegate.waitLikeAVerification();
        }

        private <T> T within(Supplier<T> hashing) {
            acquire(slots, waiting, maxWaiting);
            try {
                return hashing.get();
            } finally {
                slots.release();
            }
        }
    }

    /** How many callers wait for a permit right now. */
    int waitingCallers() {
        return waiting.get();
    }

    private <T> T bounded(Supplier<T> hashing) {
        acquire();
        Future<T> result;
        try {
            // The permit goes back when the hash ends, not when the caller stops waiting for it: that is the bound.
            result = hashingThreads.submit(() -> {
                try {
                    return hashing.get();
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        return await(result);
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            // Rethrow the delegate's own exception, so callers can catch it as if the call had been direct.
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingOverloadedException(RETRY_AFTER);
        }
    }

    private void acquire() {
        acquire(permits, waiting, maxWaiting);
    }

    /** A permit of {@code semaphore}, waiting for it among at most {@code maxWaiting} others for at most maxWait. */
    private void acquire(Semaphore semaphore, AtomicInteger waiting, int maxWaiting) {
        try {
            // Not tryAcquire(): the timed form honours fairness, so a newcomer cannot overtake those waiting.
            if (semaphore.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw new HashingOverloadedException(RETRY_AFTER);
            }
            try {
                if (!semaphore.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                    throw new HashingOverloadedException(RETRY_AFTER);
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            // The caller is being cancelled (server shutdown, request timeout): keep the flag, start no work.
            Thread.currentThread().interrupt();
            throw new HashingOverloadedException(RETRY_AFTER);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
