package dev.gatehouse.adapter.out.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.LoginThrottleContract;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle contract on a real {@code redis-server}, each test on a database of its own, where "another instance"
 * is a second {@link RedisStore} (its own connection pool) on the same database, as a second Gatehouse process would
 * be. Plus what only the Redis adapter promises: keys expire by themselves, and a lost race is retried.
 */
class RedisLoginThrottleIT extends LoginThrottleContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");
    private static final ThrottleKey JOHN = ThrottleKey.account(new Username("john"));
    private static final Duration MEMORY = Duration.ofHours(1);

    private final OpenStores stores = new OpenStores();
    private RedisSettings settings;
    private LoginThrottle first;
    private LoginThrottle second;

    @Override
    protected LoginThrottle newEmptyThrottle() {
        settings = TestRedis.fresh();
        first = stores.open(settings).loginThrottle(MEMORY, Clock.systemUTC());
        second = null;
        return first;
    }

    @Override
    protected synchronized LoginThrottle anotherInstanceOnTheSameStore() {
        if (second == null) {
            second = stores.open(settings).loginThrottle(MEMORY, Clock.systemUTC());
        }
        return second;
    }

    @AfterEach
    void closeStores() {
        stores.closeAll();
    }

    @Test
    void retries_when_another_instance_changes_the_key_between_its_read_and_its_write() throws Exception {
        LoginThrottle other = anotherInstanceOnTheSameStore();
        CountDownLatch sawNoEntry = new CountDownLatch(1);
        CountDownLatch otherWrote = new CountDownLatch(1);
        AtomicInteger changesApplied = new AtomicInteger();
        FutureTask<FailedAttempts> slow = new FutureTask<>(() -> first.change(JOHN, before -> {
            if (changesApplied.incrementAndGet() == 1) {
                sawNoEntry.countDown();
                await(otherWrote);
            }
            return AccountBackoff.DEFAULT.afterFailure(before, NOW);
        }));
        Thread.ofPlatform().start(slow);

        await(sawNoEntry);
        FailedAttempts fast = other.change(JOHN, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));
        otherWrote.countDown();

        assertEquals(1, fast.count());
        assertEquals(2, slow.get(20, TimeUnit.SECONDS).count());
        assertEquals(2, changesApplied.get(), "the slow instance applied its change once more, on what the other wrote");
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
    void stores_and_answers_instants_to_the_nanosecond() {
        Instant withNanos = Instant.parse("2026-11-22T10:15:30.123456789Z");
        FailedAttempts stored = first.change(JOHN, before -> new FailedAttempts(1, withNanos, withNanos, withNanos.plusSeconds(1)));

        assertEquals(stored, first.attemptsOf(JOHN));
        assertEquals(stored, anotherInstanceOnTheSameStore().attemptsOf(JOHN));
    }

    @Test
    void a_key_expires_by_itself_after_the_memory_or_when_its_block_ends_if_later() throws Exception {
        RedisStore store = stores.open(settings);
        LoginThrottle shortMemory = store.loginThrottle(Duration.ofMillis(300), Clock.systemUTC());
        ThrottleKey blocked = ThrottleKey.account(new Username("blocked"));
        Instant now = Instant.now();
        shortMemory.change(JOHN, before -> AccountBackoff.DEFAULT.afterFailure(before, NOW));
        shortMemory.change(blocked, before -> new FailedAttempts(5, now, now, now.plusSeconds(3)));

        Thread.sleep(900);

        assertEquals(FailedAttempts.NONE, shortMemory.attemptsOf(JOHN), "forgotten without housekeeping");
        assertEquals(5, shortMemory.attemptsOf(blocked).count(), "kept while it still blocks");
        assertTrue(store.isReachable(Duration.ofSeconds(1)));
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
