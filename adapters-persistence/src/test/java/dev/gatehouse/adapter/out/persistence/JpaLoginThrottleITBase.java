package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.LoginThrottleContract;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle contract on one vendor, each test on a fresh database, where "another instance" is a second
 * {@link Database} (its own pool and entity manager factory) on the same settings, as a second Gatehouse
 * process would be. Plus what only the JPA adapter promises.
 */
abstract class JpaLoginThrottleITBase extends LoginThrottleContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");
    private static final ThrottleKey JOHN = ThrottleKey.account(new Username("john"));

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private JpaLoginThrottle first;
    private JpaLoginThrottle second;

    /** A new, empty database of the vendor under test. */
    protected abstract DatabaseSettings freshSettings();

    @Override
    protected LoginThrottle newEmptyThrottle() {
        settings = freshSettings();
        first = databases.open(settings).loginThrottle();
        second = null;
        return first;
    }

    @Override
    protected synchronized LoginThrottle anotherInstanceOnTheSameStore() {
        if (second == null) {
            second = databases.open(settings).loginThrottle();
        }
        return second;
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void retries_when_another_instance_inserts_the_first_failure_between_its_read_and_its_insert() throws Exception {
        LoginThrottle other = anotherInstanceOnTheSameStore();
        CountDownLatch sawNoRow = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        AtomicInteger changesApplied = new AtomicInteger();
        FutureTask<FailedAttempts> slow = new FutureTask<>(() -> first.change(JOHN, before -> {
            if (changesApplied.incrementAndGet() == 1) {
                sawNoRow.countDown();
                await(otherCommitted);
            }
            return AccountBackoff.DEFAULT.afterFailure(before, NOW);
        }));
        Thread.ofPlatform().start(slow);

        await(sawNoRow);
        FailedAttempts fast = other.change(JOHN, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));
        otherCommitted.countDown();

        assertEquals(1, fast.count());
        assertEquals(2, slow.get(20, TimeUnit.SECONDS).count());
        assertEquals(2, changesApplied.get(), "the slow instance applied its change once more, on the inserted row");
        assertEquals(2, first.attemptsOf(JOHN).count());
    }

    @Test
    void keeps_the_record_as_it_was_when_the_change_fails() {
        first.change(JOHN, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));

        assertThrows(IllegalStateException.class, () -> first.change(JOHN, before -> {
            throw new IllegalStateException("policy broke");
        }));

        assertEquals(1, first.attemptsOf(JOHN).count());
    }

    @Test
    void stores_and_answers_instants_to_the_microsecond() {
        Instant withNanos = Instant.parse("2026-11-22T10:15:30.123456789Z");
        FailedAttempts stored = first.change(JOHN, before -> new FailedAttempts(1, withNanos, withNanos, withNanos.plusSeconds(1)));

        assertEquals(Instant.parse("2026-11-22T10:15:30.123456Z"), stored.firstFailureAt());
        assertEquals(stored, first.attemptsOf(JOHN));
        assertEquals(stored, anotherInstanceOnTheSameStore().attemptsOf(JOHN));
    }

    @Test
    void every_database_hands_out_one_throttle() {
        Database database = databases.open(settings);

        assertSame(database.loginThrottle(), database.loginThrottle());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other instance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
