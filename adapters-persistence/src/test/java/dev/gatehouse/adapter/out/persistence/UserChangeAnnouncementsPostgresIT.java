package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database: a change written through one (or by hand in SQL) reaches the
 * other's user cache through LISTEN/NOTIFY, and a lost listening connection turns the cache off until it is back.
 */
class UserChangeAnnouncementsPostgresIT {

    /** The cached repository keeps the repository contract on PostgreSQL. */
    @Nested
    class Contract extends UserRepositoryContract {
        private final OpenDatabases databases = new OpenDatabases();

        @Override
        protected UserRepository newEmptyRepository() {
            return databases.open(TestDatabases.freshPostgres()).cachedUsers();
        }

        @AfterEach
        void closeDatabases() {
            databases.closeAll();
        }
    }

    // Announcements arrive in milliseconds; the limit only keeps a broken listener from hanging the test.
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private final OpenDatabases databases = new OpenDatabases();
    private Database writer;
    private Database reader;
    private CachingUserRepository readerCache;
    private final User jane = User.register(new Username("Jane"), new PasswordHash("$test$jane"), null, null,
            Instant.parse("2026-11-22T10:15:30Z"));

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        DatabaseSettings settings = TestDatabases.freshPostgres();
        writer = databases.open(settings);
        reader = databases.open(settings);
        readerCache = (CachingUserRepository) reader.cachedUsers();
        awaitTrue("the reader listens", readerCache::isServing);
        writer.users().add(jane);
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void a_user_disabled_through_one_instance_is_read_afresh_by_the_other() {
        cacheJaneInTheReader();

        writer.users().change(jane.id(), stored -> stored.disable());

        awaitTrue("the reader sees Jane disabled", () -> readerCache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_change_made_by_hand_in_sql_is_announced_too() throws SQLException {
        cacheJaneInTheReader();

        execute("UPDATE users SET disabled = TRUE WHERE username_canonical = 'jane'");

        awaitTrue("the reader sees Jane disabled", () -> readerCache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void a_truncated_table_empties_the_cache() throws SQLException {
        cacheJaneInTheReader();

        // CASCADE: refresh_sessions refers to users (V3), and PostgreSQL truncates no referenced table alone.
        execute("TRUNCATE users CASCADE");

        awaitTrue("the reader no longer finds Jane", () -> readerCache.findByUsername(new Username("jane")).isEmpty());
    }

    @Test
    void a_lost_listening_connection_turns_the_cache_off_until_it_listens_again() throws SQLException {
        cacheJaneInTheReader();

        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gatehouse-user-changes'");
        // Both listeners were cut off; a change made now is announced to nobody.
        execute("UPDATE users SET full_name = 'Jane Roe' WHERE username_canonical = 'jane'");

        awaitTrue("the reader reads the change made while it was deaf",
                () -> readerCache.findByUsername(new Username("jane")).orElseThrow().fullName().isPresent());
        awaitTrue("the reader listens again", readerCache::isServing);
        writer.users().change(readerCache.findByUsername(new Username("jane")).orElseThrow().id(), stored -> stored.disable());
        awaitTrue("and hears changes again", () -> readerCache.findByUsername(new Username("jane")).orElseThrow().isDisabled());
    }

    @Test
    void closing_the_database_stops_its_listener() {
        reader.close();

        assertFalse(readerCache.isServing());
    }

    private void cacheJaneInTheReader() {
        readerCache.findByUsername(new Username("jane")).orElseThrow();
        assertEquals(1, readerCache.size(), "Jane is in the reader's cache");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = writer.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("not within " + LIMIT.toSeconds() + " s: " + what);
    }
}
