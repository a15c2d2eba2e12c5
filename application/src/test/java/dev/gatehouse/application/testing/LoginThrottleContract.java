package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginThrottle} adapter must do. Extend it and return a throttle over an empty store from
 * {@link #newEmptyThrottle()}; {@link #anotherInstanceOnTheSameStore()} may answer a second view of that store
 * (another Gatehouse instance on the same database), or the same object for a single-process adapter.
 */
public abstract class LoginThrottleContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");
    private final ThrottleKey jane = ThrottleKey.account(new Username("jane"));
    private LoginThrottle throttle;

    protected abstract LoginThrottle newEmptyThrottle();

    protected abstract LoginThrottle anotherInstanceOnTheSameStore();

    @BeforeEach
    void startEmpty() {
        throttle = newEmptyThrottle();
    }

    @Test
    void knows_no_failures_for_a_new_key() {
        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(jane));
    }

    @Test
    void stores_what_the_change_makes_of_the_previous_record() {
        FailedAttempts first = throttle.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));
        FailedAttempts second = throttle.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW.plusSeconds(2)));

        assertEquals(1, first.count());
        assertEquals(2, second.count());
        assertEquals(NOW, second.firstFailureAt());
        assertEquals(NOW.plusSeconds(2), second.lastFailureAt());
        assertEquals(second, throttle.attemptsOf(jane));
    }

    @Test
    void keeps_keys_apart_and_ignores_the_case_of_account_names() {
        throttle.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));

        assertEquals(1, throttle.attemptsOf(ThrottleKey.account(new Username("JANE"))).count());
        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(ThrottleKey.account(new Username("john"))));
        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(ThrottleKey.client(new ClientAddress("192.0.2.1"))));
    }

    @Test
    void forgets_a_cleared_key() {
        throttle.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));

        throttle.clear(jane);
        throttle.clear(ThrottleKey.device("never-seen"));

        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(jane));
    }

    @Test
    void is_shared_by_every_instance_on_the_same_store() {
        throttle.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));

        assertEquals(1, anotherInstanceOnTheSameStore().attemptsOf(jane).count());
    }

    @Test
    void counts_every_one_of_many_concurrent_failures() throws Exception {
        int failures = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<FailedAttempts>> results = new ArrayList<>();
            for (int i = 0; i < failures; i++) {
                LoginThrottle instance = i % 2 == 0 ? throttle : anotherInstanceOnTheSameStore();
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.change(jane, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));
                }));
            }
            start.countDown();
            for (Future<FailedAttempts> result : results) {
                result.get();
            }
            assertEquals(failures, throttle.attemptsOf(jane).count());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The step that guards a verification checks and charges at once (see the login's turn per account): of many
     * instances trying it together, exactly one may find the key free.
     */
    @Test
    void lets_exactly_one_of_many_concurrent_check_and_charge_changes_charge() throws Exception {
        int contenders = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                LoginThrottle instance = i % 2 == 0 ? throttle : anotherInstanceOnTheSameStore();
                results.add(pool.submit(() -> {
                    start.await();
                    java.util.concurrent.atomic.AtomicBoolean charged = new java.util.concurrent.atomic.AtomicBoolean();
                    instance.change(jane, before -> {
                        charged.set(!before.blocksAt(NOW));
                        return before.blocksAt(NOW) ? before : AccountBackoff.DEFAULT.afterFailure(before, NOW);
                    });
                    return charged.get();
                }));
            }
            start.countDown();
            int charged = 0;
            for (Future<Boolean> result : results) {
                charged += result.get() ? 1 : 0;
            }
            assertEquals(1, charged);
            assertEquals(1, throttle.attemptsOf(jane).count());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The login's turn per account is taken (the key's first row written) and given back (cleared) over and over by
     * many instances at once; a writer that loses the race for the first row must try again, never fail: CI saw one
     * of 50 parallel logins answered 500 on PostgreSQL when three lost races in a row exhausted a bounded retry.
     */
    @Test
    void many_instances_taking_and_clearing_one_key_at_once_never_fail() throws Exception {
        int workers = 16;
        int rounds = 60;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                LoginThrottle instance = i % 2 == 0 ? throttle : anotherInstanceOnTheSameStore();
                results.add(pool.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int round = 0; round < rounds; round++) {
                        java.util.concurrent.atomic.AtomicBoolean free = new java.util.concurrent.atomic.AtomicBoolean();
                        instance.change(jane, before -> {
                            free.set(!before.blocksAt(NOW));
                            return before.blocksAt(NOW) ? before : AccountBackoff.DEFAULT.afterFailure(before, NOW);
                        });
                        if (free.get()) {
                            taken++;
                            instance.clear(jane);
                        }
                    }
                    return taken;
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Integer> result : results) {
                taken += result.get(); // an exception in any worker fails the test here
            }
            assertTrue(taken >= 1, "the key was taken at least once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writes_nothing_for_a_change_that_answers_what_it_was_given() {
        assertEquals(FailedAttempts.NONE, throttle.change(jane, before -> before));

        assertEquals(FailedAttempts.NONE, anotherInstanceOnTheSameStore().attemptsOf(jane));
    }

    @Test
    void forgets_the_keys_whose_failures_stopped_counting_before_a_cutoff() {
        ThrottleKey quiet = ThrottleKey.client(new ClientAddress("192.0.2.1"));
        ThrottleKey stillBlocked = ThrottleKey.client(new ClientAddress("192.0.2.2"));
        ThrottleKey recent = ThrottleKey.client(new ClientAddress("192.0.2.3"));
        Instant cutoff = NOW.minus(Duration.ofHours(1));
        throttle.change(quiet, before -> new FailedAttempts(3, cutoff.minusSeconds(60), cutoff.minusSeconds(1), cutoff.minusSeconds(1)));
        throttle.change(stillBlocked, before -> new FailedAttempts(100, cutoff.minusSeconds(60), cutoff.minusSeconds(1), NOW));
        throttle.change(recent, before -> new FailedAttempts(1, cutoff, cutoff, cutoff));

        assertEquals(1, throttle.forgetQuietSince(cutoff));

        assertEquals(FailedAttempts.NONE, anotherInstanceOnTheSameStore().attemptsOf(quiet));
        assertEquals(100, anotherInstanceOnTheSameStore().attemptsOf(stillBlocked).count());
        assertEquals(1, anotherInstanceOnTheSameStore().attemptsOf(recent).count());
        assertEquals(0, throttle.forgetQuietSince(cutoff), "nothing left to forget");
    }
}
