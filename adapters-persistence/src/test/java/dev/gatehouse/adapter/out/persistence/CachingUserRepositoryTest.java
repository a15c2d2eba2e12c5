package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CachingUserRepositoryTest {

    /** The cache is a UserRepository like any other, whether it serves from memory or not. */
    @Nested
    class Contract extends dev.gatehouse.application.testing.UserRepositoryContract {
        @Override
        protected UserRepository newEmptyRepository() {
            CachingUserRepository cache = new CachingUserRepository(new InMemoryUserRepository(), UserCacheSettings.DEFAULT);
            cache.resume();
            return cache;
        }
    }

    private final CountingRepository database = new CountingRepository(new InMemoryUserRepository());
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CachingUserRepository cache =
            new CachingUserRepository(database, new UserCacheSettings(Duration.ofSeconds(30), 3), nanos::get);
    private final User jane = aUser("Jane");

    @Test
    void answers_a_second_read_from_memory() {
        database.add(jane);
        cache.resume();

        cache.findByUsername(new Username("jane"));
        Optional<User> second = cache.findByUsername(new Username("JANE"));

        assertEquals(Optional.of(jane), second);
        assertEquals(1, database.reads.get());
    }

    @Test
    void reads_the_database_every_time_while_suspended() {
        database.add(jane);

        cache.findByUsername(new Username("jane"));
        cache.findByUsername(new Username("jane"));

        assertEquals(2, database.reads.get());
    }

    @Test
    void while_the_database_is_down_answers_what_it_last_read_for_at_most_the_stale_read_bound() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        cache.suspend(); // the listener lost its connection: the database went away
        database.down = true;

        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(Optional.of(jane), cache.findByUsername(new Username("jane")), "60 s after it was read");
        nanos.addAndGet(1);

        assertThrows(StoreUnavailableException.class, () -> cache.findByUsername(new Username("jane")));
    }

    @Test
    void the_bound_counts_from_the_last_read_even_while_suspended() {
        database.add(jane);
        cache.findByUsername(new Username("jane")); // suspended: read from the database, kept for an outage only
        nanos.addAndGet(Duration.ofSeconds(50).toNanos());
        cache.findByUsername(new Username("jane"));
        database.down = true;

        nanos.addAndGet(Duration.ofSeconds(50).toNanos());

        assertEquals(Optional.of(jane), cache.findByUsername(new Username("jane")));
    }

    @Test
    void a_change_known_before_the_outage_still_applies_during_it() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        cache.change(jane.id(), User::disable);
        database.down = true;

        assertThrows(StoreUnavailableException.class, () -> cache.findByUsername(new Username("jane")),
                "the enabled Jane it had read is forgotten; it does not come back in the outage");

        database.down = false;
        cache.findByUsername(new Username("jane"));
        database.down = true;
        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_change_announced_before_the_outage_still_applies_during_it() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        database.change(jane.id(), User::disable);
        cache.forget(new Username("jane"));
        database.down = true;

        assertThrows(StoreUnavailableException.class, () -> cache.findByUsername(new Username("jane")));
    }

    @Test
    void a_user_it_never_read_is_unavailable_during_an_outage_not_unknown() {
        cache.resume();
        database.down = true;

        assertThrows(StoreUnavailableException.class, () -> cache.findByUsername(new Username("jane")));
    }

    @Test
    void no_stale_reads_at_all_when_the_bound_is_zero() {
        CachingUserRepository strict = new CachingUserRepository(database,
                new UserCacheSettings(Duration.ofSeconds(30), 3, Duration.ZERO), nanos::get);
        database.add(jane);
        strict.resume();
        strict.findByUsername(new Username("jane"));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        database.down = true;

        assertThrows(StoreUnavailableException.class, () -> strict.findByUsername(new Username("jane")));
    }

    @Test
    void never_remembers_that_a_user_is_missing() {
        cache.resume();
        cache.findByUsername(new Username("jane"));
        database.add(jane);

        assertEquals(Optional.of(jane), cache.findByUsername(new Username("jane")));
    }

    @Test
    void its_own_update_is_seen_at_once() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));

        cache.change(jane.id(), User::disable);

        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_write_through_the_uncached_view_is_seen_by_the_cache_at_once() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        UserRepository uncached = new CacheForgettingUserRepository(database, cache);

        uncached.change(jane.id(), User::disable);

        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
        PasswordHash replacement = new PasswordHash("$test$replacement");
        assertTrue(uncached.replacePasswordHash(jane.id(), jane.passwordHash(), replacement));
        assertEquals(replacement, cache.findByUsername(new Username("jane")).orElseThrow().passwordHash());
    }

    @Test
    void a_guarded_change_is_seen_at_once() {
        User admin = aUser("root").withRole(Role.ADMIN);
        database.add(admin);
        database.add(jane.withRole(Role.ADMIN));
        cache.resume();
        cache.findByUsername(new Username("jane"));

        assertTrue(cache.changeKeepingAnActiveHolder(Role.ADMIN, jane.id(), User::disable) instanceof GuardedChange.Changed);

        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_change_forgets_only_the_user_it_changed() {
        User john = aUser("John");
        database.add(jane);
        database.add(john);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        cache.findByUsername(new Username("john"));

        cache.change(jane.id(), User::disable);
        cache.findByUsername(new Username("john"));

        assertEquals(2, database.reads.get());
    }

    @Test
    void with_readers_racing_every_write_the_writer_reads_its_own_change_next() throws Exception {
        // Readers hold what they read for a moment before remembering it, so a read of the user as it was before a
        // change can reach the cache after the change has forgotten it: the window a missing check would leave open.
        database.add(jane);
        database.pauseAfterEachRead = Duration.ofNanos(200_000);
        cache.resume();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> reading = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reading.add(readers.submit(() -> {
                while (writing.get()) {
                    cache.findByUsername(new Username("jane"));
                }
            }));
        }
        int staleReads = 0;
        try {
            for (int write = 0; write < 300; write++) {
                long written = cache.change(jane.id(), User::endAllSessions).orElseThrow().securityVersion();
                if (cache.findByUsername(new Username("jane")).orElseThrow().securityVersion() < written) {
                    staleReads++;
                }
            }
        } finally {
            writing.set(false);
            readers.shutdown();
        }
        for (Future<?> reader : reading) {
            reader.get(10, TimeUnit.SECONDS);
        }

        assertEquals(0, staleReads, "reads after a change returned that answered the user as before it");
    }

    @Test
    void an_announced_change_is_read_afresh() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));

        database.change(jane.id(), User::disable); // another instance's write, behind the cache's back
        cache.forget(new Username("JANE"));

        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_replaced_password_hash_is_read_afresh() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        PasswordHash replacement = new PasswordHash("$test$replacement");

        assertTrue(cache.replacePasswordHash(jane.id(), jane.passwordHash(), replacement));

        assertEquals(replacement, cache.findByUsername(new Username("jane")).orElseThrow().passwordHash());
    }

    @Test
    void a_replaced_password_hash_is_read_afresh_even_when_its_user_cannot_be_read_again() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        PasswordHash replacement = new PasswordHash("$test$replacement");
        database.readsByIdFail = true;

        assertTrue(cache.replacePasswordHash(jane.id(), jane.passwordHash(), replacement));

        assertEquals(replacement, cache.findByUsername(new Username("jane")).orElseThrow().passwordHash());
    }

    @Test
    void a_replacement_that_failed_after_writing_is_read_afresh() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        PasswordHash replacement = new PasswordHash("$test$replacement");
        database.failAfterReplacing = true;

        assertThrows(StoreUnavailableException.class,
                () -> cache.replacePasswordHash(jane.id(), jane.passwordHash(), replacement));

        assertEquals(replacement, cache.findByUsername(new Username("jane")).orElseThrow().passwordHash());
    }

    @Test
    void an_entry_expires_after_its_time_to_live_even_unannounced() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));
        database.change(jane.id(), User::disable);

        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertFalse(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_read_overtaken_by_a_change_is_not_remembered() {
        database.add(jane);
        cache.resume();
        // The change lands and is announced while the cache's read is on its way back from the database.
        database.duringNextRead = () -> {
            database.change(jane.id(), User::disable);
            cache.forget(new Username("jane"));
        };

        Optional<User> stale = cache.findByUsername(new Username("jane"));

        assertFalse(stale.orElseThrow().isDisabled(), "the read itself returns what it saw");
        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled(), "but did not keep it");
    }

    @Test
    void resuming_starts_empty_because_changes_made_while_suspended_were_not_heard() {
        database.add(jane);
        cache.resume();
        cache.findByUsername(new Username("jane"));

        cache.suspend();
        database.change(jane.id(), User::disable);
        cache.resume();

        assertTrue(cache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void never_holds_more_than_its_maximum() {
        cache.resume();
        for (int i = 0; i < 10; i++) {
            User user = aUser("user" + i);
            database.add(user);
            cache.findByUsername(user.username());
            assertTrue(cache.size() <= 3, "size " + cache.size());
        }
    }

    @Test
    void a_full_cache_keeps_serving_its_busy_user_instead_of_starting_over() {
        database.add(jane);
        cache.resume();
        for (int i = 0; i < 20; i++) {
            cache.findByUsername(new Username("jane"));
        }
        for (int i = 0; i < 10; i++) {
            User once = aUser("once" + i);
            database.add(once);
            cache.findByUsername(once.username());
        }
        int readsBefore = database.reads.get();

        cache.findByUsername(new Username("jane"));

        assertEquals(readsBefore, database.reads.get(), "the busy user was forgotten to make room for users read once");
        assertTrue(cache.size() <= 3, "size " + cache.size());
    }

    @Test
    void counts_what_it_answers_from_memory_and_what_it_reads_while_serving() {
        database.add(jane);
        cache.findByUsername(new Username("jane"));
        assertEquals(new UserCacheStats(0, 0, 0, 1), cache.stats(), "a read while suspended is neither");
        cache.resume();

        cache.findByUsername(new Username("jane"));
        cache.findByUsername(new Username("jane"));
        cache.findByUsername(new Username("jane"));
        cache.findByUsername(new Username("nobody"));

        UserCacheStats stats = cache.stats();
        assertEquals(2, stats.hits());
        assertEquals(2, stats.misses());
        assertEquals(0.5, stats.hitRate());
        assertEquals(1, stats.size());
    }

    @Test
    void a_zero_time_to_live_never_remembers() {
        CachingUserRepository off = new CachingUserRepository(database, UserCacheSettings.OFF, nanos::get);
        database.add(jane);
        off.resume();

        off.findByUsername(new Username("jane"));
        off.findByUsername(new Username("jane"));

        assertEquals(2, database.reads.get());
    }

    private static User aUser(String username) {
        return User.register(new Username(username), new PasswordHash("$test$" + username), null, null,
                Instant.parse("2026-11-22T10:15:30Z"));
    }

    /** Counts reads by username, and can run something in the middle of the next one. */
    private static final class CountingRepository implements UserRepository {
        private final UserRepository delegate;
        final AtomicInteger reads = new AtomicInteger();
        Runnable duringNextRead = () -> { };
        volatile boolean down;
        volatile boolean readsByIdFail;
        volatile Duration pauseAfterEachRead = Duration.ZERO;
        volatile boolean failAfterReplacing;

        CountingRepository(UserRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<User> findByUsername(Username username) {
            if (down) {
                throw new StoreUnavailableException("the test stopped the database", null);
            }
            reads.incrementAndGet();
            Optional<User> found = delegate.findByUsername(username);
            if (!pauseAfterEachRead.isZero()) {
                LockSupport.parkNanos(pauseAfterEachRead.toNanos());
            }
            Runnable during = duringNextRead;
            duringNextRead = () -> { };
            during.run();
            return found;
        }

        @Override
        public AddUserOutcome add(User user) {
            return delegate.add(user);
        }

        @Override
        public Optional<User> findById(UserId id) {
            if (readsByIdFail) {
                throw new StoreUnavailableException("the test made reads by id fail", null);
            }
            return delegate.findById(id);
        }

        @Override
        public Optional<User> change(UserId id, java.util.function.UnaryOperator<User> change) {
            return delegate.change(id, change);
        }

        @Override
        public dev.gatehouse.application.port.out.GuardedChange changeKeepingAnActiveHolder(dev.gatehouse.domain.Role role,
                UserId id, java.util.function.UnaryOperator<User> change) {
            return delegate.changeKeepingAnActiveHolder(role, id, change);
        }

        @Override
        public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
            boolean replaced = delegate.replacePasswordHash(id, current, replacement);
            if (failAfterReplacing) {
                throw new StoreUnavailableException("the test lost the connection after the write", null);
            }
            return replaced;
        }

        @Override
        public dev.gatehouse.application.port.out.UserPage search(dev.gatehouse.application.port.out.UserSearch search) {
            return delegate.search(search);
        }
    }
}
