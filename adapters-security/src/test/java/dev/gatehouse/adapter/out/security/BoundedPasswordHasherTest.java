package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on concurrent hashing, with a delegate that holds every call until the test lets it go. */
class BoundedPasswordHasherTest {

    private static final PlainPassword PASSWORD = new PlainPassword("any password");
    private static final PasswordHash HASH = new PasswordHash("$gated$hash");
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);
    // Generous for a loaded CI machine; a refusal measures well under a millisecond here.
    private static final long IMMEDIATE_MILLIS = 100;

    private final GatedHasher delegate = new GatedHasher();
    private final List<Thread> callers = new ArrayList<>();

    @AfterEach
    void releaseEveryone() throws InterruptedException {
        delegate.open();
        for (Thread caller : callers) {
            caller.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void waits_like_a_verification_without_taking_a_permit() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, LONG_WAIT);
        call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);

        long started = System.nanoTime();
        bounded.waitLikeAVerification();

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < IMMEDIATE_MILLIS);
        assertEquals(1, delegate.waits.get());
    }

    @Test
    void a_share_takes_at_most_its_permits_and_leaves_the_rest_to_the_whole() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 3, 0, LONG_WAIT);
        PasswordHasher registrations = bounded.limitedTo(1);
        FutureTask<PasswordHash> registering = call(() -> registrations.hash(PASSWORD));
        delegate.awaitEntered(1);

        // A second registration is refused at once (no room to wait) instead of taking a permit logins could use.
        long started = System.nanoTime();
        assertThrows(HashingOverloadedException.class, () -> registrations.hash(PASSWORD));
        assertThrows(HashingOverloadedException.class, () -> registrations.verify(PASSWORD, HASH));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < IMMEDIATE_MILLIS);

        // Logins still get the other two permits.
        List<FutureTask<Boolean>> logins = List.of(call(() -> bounded.verify(PASSWORD, HASH)), call(() -> bounded.verify(PASSWORD, HASH)));
        delegate.awaitEntered(2);
        assertEquals(3, delegate.inside.get());
        delegate.open();
        for (FutureTask<Boolean> login : logins) {
            assertTrue(login.get(10, TimeUnit.SECONDS));
        }
        assertEquals(GatedHasher.HASHED, registering.get(10, TimeUnit.SECONDS));
        assertEquals(GatedHasher.HASHED, registrations.hash(PASSWORD), "the share's permit came back");
        assertThrows(IllegalArgumentException.class, () -> bounded.limitedTo(0));
        assertThrows(IllegalArgumentException.class, () -> bounded.limitedTo(4));
    }

    @Test
    void callers_beyond_a_share_wait_for_the_share_in_a_queue_of_its_own() throws Exception {
        // 3 permits, 6 may wait; a share of 1 permit gets 2 of the waiting places.
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 3, 6, LONG_WAIT);
        PasswordHasher registrations = bounded.limitedTo(1);
        List<FutureTask<PasswordHash>> registering = new ArrayList<>();
        registering.add(call(() -> registrations.hash(PASSWORD)));
        delegate.awaitEntered(1);
        registering.add(call(() -> registrations.hash(PASSWORD)));
        registering.add(call(() -> registrations.hash(PASSWORD)));
        // Give them every chance to reach the delegate or the queue of the whole, were the share not waited for apart.
        Thread.sleep(300);

        assertThrows(HashingOverloadedException.class, () -> registrations.hash(PASSWORD), "the share's queue is full");
        assertEquals(1, delegate.inside.get(), "the waiting registrations hold no permit");
        assertEquals(0, bounded.waitingCallers(), "nor a place in the queue of the whole");
        List<FutureTask<Boolean>> logins = List.of(call(() -> bounded.verify(PASSWORD, HASH)), call(() -> bounded.verify(PASSWORD, HASH)));
        delegate.awaitEntered(2);
        assertEquals(3, delegate.inside.get());

        delegate.open();
        for (FutureTask<Boolean> login : logins) {
            assertTrue(login.get(10, TimeUnit.SECONDS));
        }
        for (FutureTask<PasswordHash> registration : registering) {
            assertEquals(GatedHasher.HASHED, registration.get(10, TimeUnit.SECONDS), "every waiting registration ran in turn");
        }
    }

    @Test
    void never_lets_more_than_max_concurrent_calls_into_the_delegate() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 3, 100, LONG_WAIT);
        List<FutureTask<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(call(() -> bounded.verify(PASSWORD, HASH)));
        }

        delegate.awaitEntered(3);
        // Give the other 17 every chance to get in, were the bound broken.
        Thread.sleep(200);
        assertEquals(3, delegate.inside.get());
        delegate.open();

        for (FutureTask<Boolean> call : calls) {
            assertTrue(call.get(10, TimeUnit.SECONDS));
        }
        assertEquals(20, delegate.calls.get());
        assertEquals(3, delegate.mostInside.get());
    }

    @Test
    void refuses_a_caller_at_once_when_max_waiting_callers_already_wait() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 2, LONG_WAIT);
        FutureTask<Boolean> running = call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);
        FutureTask<Boolean> firstWaiter = call(() -> bounded.verify(PASSWORD, HASH));
        FutureTask<Boolean> secondWaiter = call(() -> bounded.verify(PASSWORD, HASH));
        awaitWaiting(bounded, 2);

        long start = System.nanoTime();
        HashingOverloadedException refused = assertThrows(HashingOverloadedException.class, () -> bounded.verify(PASSWORD, HASH));
        long refusedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThrows(HashingOverloadedException.class, () -> bounded.hash(PASSWORD));

        assertTrue(refusedAfterMillis < IMMEDIATE_MILLIS, "refused after " + refusedAfterMillis + " ms");
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        assertEquals(1, delegate.calls.get(), "the refused callers never reached the delegate");
        delegate.open();
        assertTrue(running.get(10, TimeUnit.SECONDS));
        assertTrue(firstWaiter.get(10, TimeUnit.SECONDS));
        assertTrue(secondWaiter.get(10, TimeUnit.SECONDS));
        assertEquals(3, delegate.calls.get());
    }

    @Test
    void with_no_waiting_allowed_refuses_at_once_while_every_permit_is_taken() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 2, 0, LONG_WAIT);
        call(() -> bounded.verify(PASSWORD, HASH));
        call(() -> bounded.hash(PASSWORD));
        delegate.awaitEntered(2);

        long start = System.nanoTime();
        assertThrows(HashingOverloadedException.class, () -> bounded.verify(PASSWORD, HASH));
        long refusedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(refusedAfterMillis < IMMEDIATE_MILLIS, "refused after " + refusedAfterMillis + " ms");
        assertEquals(2, delegate.calls.get());
    }

    @Test
    void a_waiter_that_gets_a_permit_within_max_wait_proceeds() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, LONG_WAIT);
        FutureTask<Boolean> running = call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);
        FutureTask<PasswordHash> waiter = call(() -> bounded.hash(PASSWORD));
        awaitWaiting(bounded, 1);

        delegate.open();

        assertTrue(running.get(10, TimeUnit.SECONDS));
        assertEquals(GatedHasher.HASHED, waiter.get(10, TimeUnit.SECONDS));
        assertEquals(2, delegate.calls.get());
    }

    @Test
    void a_waiter_without_a_permit_after_max_wait_is_refused_without_calling_the_delegate() throws Exception {
        Duration maxWait = Duration.ofMillis(150);
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, maxWait);
        call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);

        long start = System.nanoTime();
        assertThrows(HashingOverloadedException.class, () -> bounded.verify(PASSWORD, HASH));
        long refusedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(refusedAfterMillis >= maxWait.toMillis() - 5, "refused after " + refusedAfterMillis + " ms");
        assertTrue(refusedAfterMillis < maxWait.toMillis() + 2_000, "refused after " + refusedAfterMillis + " ms");
        assertEquals(1, delegate.calls.get());
    }

    @Test
    void releases_the_permit_when_the_delegate_throws() {
        AtomicInteger calls = new AtomicInteger();
        PasswordHasher failing = new FakeHasher(() -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("native hashing failed");
            }
            return true;
        });
        // One permit and no waiting: a leaked permit would turn every later call into a refusal.
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(failing, 1, 0, LONG_WAIT);

        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> bounded.verify(PASSWORD, HASH));
        }

        assertTrue(bounded.verify(PASSWORD, HASH));
        assertEquals(HASH, bounded.hash(PASSWORD));
    }

    @Test
    void rethrows_the_delegates_own_exception() {
        IllegalStateException failure = new IllegalStateException("native hashing failed");
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(new FakeHasher(() -> {
            throw failure;
        }), 1, 0, LONG_WAIT);

        assertSame(failure, assertThrows(IllegalStateException.class, () -> bounded.verify(PASSWORD, HASH)));
    }

    @Test
    void a_caller_interrupted_during_its_hash_leaves_at_once_but_the_permit_stays_taken_until_the_hash_ends()
            throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, LONG_WAIT);
        FutureTask<Boolean> caller = call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);

        callers.getLast().interrupt();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof HashingOverloadedException, failure.getCause().toString());
        assertThrows(HashingOverloadedException.class, () -> bounded.verify(PASSWORD, HASH), "still hashing");
        delegate.open();
        assertTrue(verifyOnceAPermitIsFree(bounded));
    }

    @Test
    void hashing_never_occupies_the_carriers_of_virtual_callers() throws Exception {
        // A hash that keeps its CPU busy, as native argon2 does: a virtual thread running it would not give up its
        // carrier, and with every carrier taken no other virtual thread could run until the hashes were done.
        int carriers = Runtime.getRuntime().availableProcessors();
        CountDownLatch spinning = new CountDownLatch(carriers);
        AtomicBoolean stop = new AtomicBoolean();
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(new FakeHasher(() -> {
            spinning.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stop.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return true;
        }), carriers, 0, LONG_WAIT);
        try (ExecutorService virtualCallers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> hashes = new ArrayList<>();
            for (int i = 0; i < carriers; i++) {
                hashes.add(virtualCallers.submit(() -> bounded.verify(PASSWORD, HASH)));
            }
            assertTrue(spinning.await(5, TimeUnit.SECONDS), "the hashes never started");

            Future<String> other = virtualCallers.submit(() -> "ran");
            assertEquals("ran", other.get(2, TimeUnit.SECONDS), "another virtual thread ran while every permit hashed");
            assertThrows(HashingOverloadedException.class, () -> bounded.verify(PASSWORD, HASH), "and a flood is still turned away");

            stop.set(true);
            for (Future<Boolean> hash : hashes) {
                assertTrue(hash.get(10, TimeUnit.SECONDS));
            }
        } finally {
            stop.set(true);
        }
    }

    @Test
    void an_interrupted_waiter_is_refused_and_keeps_its_interrupt() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 1, LONG_WAIT);
        call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);
        AtomicReference<Boolean> interruptedAfterwards = new AtomicReference<>();
        FutureTask<Boolean> waiter = call(() -> {
            try {
                return bounded.verify(PASSWORD, HASH);
            } finally {
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitWaiting(bounded, 1);

        callers.getLast().interrupt();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof HashingOverloadedException, failure.getCause().toString());
        assertEquals(Boolean.TRUE, interruptedAfterwards.get());
        assertEquals(1, delegate.calls.get());
    }

    @Test
    void answers_needs_rehash_without_a_permit() throws Exception {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 1, 0, LONG_WAIT);
        call(() -> bounded.verify(PASSWORD, HASH));
        delegate.awaitEntered(1);

        assertTrue(bounded.needsRehash(HASH));
        assertFalse(bounded.needsRehash(GatedHasher.HASHED));
    }

    @Test
    void fits_as_many_hashes_as_the_memory_budget_holds_but_no_more_than_the_cores() {
        Argon2Parameters owasp = Argon2Parameters.OWASP;
        long oneHash = 19_456L * 1024;

        assertEquals(13, BoundedPasswordHasher.concurrencyFor(owasp, 256L * 1024 * 1024, 64));
        assertEquals(4, BoundedPasswordHasher.concurrencyFor(owasp, 256L * 1024 * 1024, 4));
        assertEquals(2, BoundedPasswordHasher.concurrencyFor(owasp, 2 * oneHash, 8));
        assertEquals(1, BoundedPasswordHasher.concurrencyFor(owasp, 2 * oneHash - 1, 8));
        assertEquals(1, BoundedPasswordHasher.concurrencyFor(owasp, 0, 8), "always at least one");
        assertEquals(16, BoundedPasswordHasher.concurrencyFor(new Argon2Parameters(65_536, 3, 4), 1L << 40, 16));
        assertEquals(Integer.MAX_VALUE, BoundedPasswordHasher.concurrencyFor(new Argon2Parameters(8, 1, 1), Long.MAX_VALUE, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> BoundedPasswordHasher.concurrencyFor(owasp, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> BoundedPasswordHasher.concurrencyFor(owasp, oneHash, 0));
    }

    @Test
    void tells_its_bounds_and_refuses_impossible_ones() {
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(delegate, 4, 16, Duration.ofSeconds(2));

        assertEquals(4, bounded.maxConcurrent());
        assertEquals(16, bounded.maxWaiting());
        new BoundedPasswordHasher(delegate, 1, 0, Duration.ZERO);
        new BoundedPasswordHasher(delegate, 1, 0, Duration.ofSeconds(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new BoundedPasswordHasher(delegate, 0, 1, LONG_WAIT));
        assertThrows(IllegalArgumentException.class, () -> new BoundedPasswordHasher(delegate, 1, -1, LONG_WAIT));
        assertThrows(IllegalArgumentException.class, () -> new BoundedPasswordHasher(delegate, 1, 1, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> new BoundedPasswordHasher(null, 1, 1, LONG_WAIT));
        assertThrows(NullPointerException.class, () -> new BoundedPasswordHasher(delegate, 1, 1, null));
    }

    /** Runs the work on a new platform thread. */
    private <T> FutureTask<T> call(Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread caller = new Thread(task, "caller-" + callers.size());
        callers.add(caller);
        caller.start();
        return task;
    }

    /** Verifies as soon as a permit is free, on a hasher that lets nobody wait. */
    private static boolean verifyOnceAPermitIsFree(BoundedPasswordHasher bounded) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return bounded.verify(PASSWORD, HASH);
            } catch (HashingOverloadedException stillHashing) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the permit never came back");
                }
                Thread.sleep(1);
            }
        }
    }

    /** Waits until this many callers wait for a permit. */
    private static void awaitWaiting(BoundedPasswordHasher bounded, int expected) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bounded.waitingCallers() != expected) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(expected + " callers never waited for a permit");
            }
            Thread.sleep(1);
        }
    }

    /** Holds every call until {@link #open()}, counting the calls and how many are inside at once. */
    private static final class GatedHasher implements PasswordHasher {

        static final PasswordHash HASHED = new PasswordHash("$gated$fresh");

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger waits = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();
        private final Semaphore entered = new Semaphore(0);
        private final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public PasswordHash hash(PlainPassword password) {
            return pass(() -> HASHED);
        }

        @Override
        public boolean verify(PlainPassword password, PasswordHash hash) {
            return pass(() -> true);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return !HASHED.equals(hash);
        }

        @Override
        public void waitLikeAVerification() {
            waits.incrementAndGet();
        }

        void open() {
            gate.countDown();
        }

        void awaitEntered(int count) throws InterruptedException, TimeoutException {
            if (!entered.tryAcquire(count, 5, TimeUnit.SECONDS)) {
                throw new TimeoutException(count + " calls never reached the delegate");
            }
        }

        private <T> T pass(Supplier<T> answer) {
            calls.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entered.release();
            try {
                if (!gate.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    /** Answers every verification from the given supplier, which may throw. */
    private record FakeHasher(Supplier<Boolean> verification) implements PasswordHasher {

        @Override
        public PasswordHash hash(PlainPassword password) {
            verification.get();
            return HASH;
        }

        @Override
        public boolean verify(PlainPassword password, PasswordHash hash) {
            return verification.get();
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return false;
        }

        @Override
        public void waitLikeAVerification() {
            // not used by the tests that need a FakeHasher
        }
    }
}
