package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Opening, migrating and validating a database on both vendors, and failing clearly when it cannot. */
class DatabaseIT {

    private static final int COMMON_MIGRATIONS = 18;
    // PostgreSQL adds 2.1, the trigger that announces user changes to other instances' caches.
    private static final int POSTGRESQL_ONLY_MIGRATIONS = 1;

    private static int migrationsOn(String vendor) {
        return COMMON_MIGRATIONS + (vendor.equals("postgresql") ? POSTGRESQL_ONLY_MIGRATIONS : 0);
    }

    static Stream<Arguments> vendors() {
        return Stream.of(
                Arguments.of("postgresql", (Supplier<DatabaseSettings>) TestDatabases::freshPostgres),
                Arguments.of("h2", (Supplier<DatabaseSettings>) TestDatabases::freshH2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void migrates_an_empty_database_and_hibernate_validates_the_mapping(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get())) {
            assertEquals(vendor, database.vendor());
            assertEquals(migrationsOn(vendor), appliedMigrations(database));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'uq_users_username_canonical' AND constraint_type = 'UNIQUE'"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM users"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void creates_the_reset_link_and_outbox_tables_with_named_constraints(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get())) {
            for (String constraint : List.of("pk_password_resets", "fk_password_resets_user", "ck_password_resets_token_hash",
                    "ck_password_resets_lifetime", "pk_mail_outbox", "ck_mail_outbox_state", "ck_mail_outbox_failed_attempts")) {
                assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                        + " WHERE LOWER(constraint_name) = '" + constraint + "'"), constraint);
            }
            assertEquals(0, count(database, "SELECT COUNT(*) FROM password_resets"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM mail_outbox"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void creates_the_login_protection_tables_with_named_constraints_and_indexes(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get())) {
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'pk_login_throttle' AND constraint_type = 'PRIMARY KEY'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'pk_audit_events' AND constraint_type = 'PRIMARY KEY'"));
            assertEquals(Set.of("ix_audit_events_occurred_at", "ix_audit_events_subject"), indexesOf(database, "audit_events"));
            assertEquals(Set.of("ix_login_throttle_last_failure_at"), indexesOf(database, "login_throttle"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM login_throttle"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM audit_events"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void creates_the_session_tables_with_named_constraints_and_indexes(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get())) {
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'ck_users_security_version' AND constraint_type = 'CHECK'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'pk_refresh_sessions' AND constraint_type = 'PRIMARY KEY'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'ck_refresh_sessions_security_version' AND constraint_type = 'CHECK'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'pk_refresh_tokens' AND constraint_type = 'PRIMARY KEY'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'ck_refresh_tokens_token_hash' AND constraint_type = 'CHECK'"));
            // Deleting a user takes its sessions, and deleting a session (housekeeping) takes its tokens.
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.referential_constraints"
                    + " WHERE constraint_name = 'fk_refresh_sessions_user' AND delete_rule = 'CASCADE'"));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.referential_constraints"
                    + " WHERE constraint_name = 'fk_refresh_tokens_session' AND delete_rule = 'CASCADE'"));
            assertEquals(Set.of("ix_refresh_sessions_user_id", "ix_refresh_sessions_started_at", "ix_refresh_sessions_revoked_at",
                            "ix_refresh_sessions_client_id"),
                    indexesOf(database, "refresh_sessions"));
            assertEquals(Set.of("ix_refresh_tokens_session_id"), indexesOf(database, "refresh_tokens"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM refresh_sessions"));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM refresh_tokens"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void creates_the_clients_table_with_named_constraints(String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        try (Database database = Database.open(fresh.get())) {
            assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                    + " WHERE constraint_name = 'pk_clients' AND constraint_type = 'PRIMARY KEY'"));
            for (String check : List.of("ck_clients_client_type", "ck_clients_secret_hash", "ck_clients_one_key_set")) {
                assertEquals(1, count(database, "SELECT COUNT(*) FROM information_schema.table_constraints"
                        + " WHERE constraint_name = '" + check + "' AND constraint_type = 'CHECK'"), check);
            }
            assertEquals(0, count(database, "SELECT COUNT(*) FROM clients"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void the_schema_refuses_negative_security_versions_and_short_token_hashes(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get());
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            User user = aUser("checked");
            database.users().add(user);
            UUID session = UUID.randomUUID();
            statement.executeUpdate("INSERT INTO refresh_sessions (id, user_id, scopes, security_version, started_at)"
                    + " VALUES ('" + session + "', '" + user.id() + "', '', 0, CURRENT_TIMESTAMP)");

            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "UPDATE users SET security_version = -1 WHERE id = '" + user.id() + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO refresh_sessions"
                    + " (id, user_id, scopes, security_version, started_at)"
                    + " VALUES ('" + UUID.randomUUID() + "', '" + user.id() + "', '', -1, CURRENT_TIMESTAMP)"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO refresh_tokens"
                    + " (token_hash, session_id, issued_at) VALUES ('abc', '" + session + "', CURRENT_TIMESTAMP)"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void gives_existing_users_security_version_zero(String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        try (Database database = Database.open(fresh.get());
             Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO users"
                     + " (id, username, username_canonical, password_hash, created_at, updated_at)"
                     + " VALUES (?, 'older', 'older', '$test$x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            UUID id = UUID.randomUUID();
            insert.setObject(1, id);
            insert.executeUpdate();

            assertEquals(0, database.users().findByUsername(new Username("older")).orElseThrow().securityVersion());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void the_schema_refuses_a_negative_failure_count(String vendor, Supplier<DatabaseSettings> fresh) throws SQLException {
        try (Database database = Database.open(fresh.get());
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO login_throttle"
                    + " (throttle_key, failures, first_failure_at, last_failure_at, blocked_until)"
                    + " VALUES ('account:x', -1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
        }
    }

    /**
     * Hibernate boots while Flyway migrates, so it no longer validates while booting; the mapping must still be checked
     * against the migrated schema before the database is handed out (a column gone that an entity maps).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void refuses_to_open_a_migrated_schema_the_mapping_does_not_match(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        DatabaseSettings settings = fresh.get();
        try (Database first = Database.open(settings);
             Connection connection = first.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE revoked_access_tokens DROP COLUMN revoked_at");
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Database.open(settings));
        assertTrue(refused.getMessage().contains("revoked_at"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void opens_an_already_migrated_database_again_without_rerunning_migrations(String vendor, Supplier<DatabaseSettings> fresh)
            throws SQLException {
        DatabaseSettings settings = fresh.get();
        User user = aUser("returning");
        try (Database first = Database.open(settings)) {
            first.users().add(user);
        }

        try (Database second = Database.open(settings)) {
            assertEquals(migrationsOn(vendor), appliedMigrations(second));
            assertEquals(Optional.of(user), second.users().findById(user.id()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void the_schema_refuses_a_canonical_username_that_is_not_the_lower_cased_username(String vendor,
                                                                                     Supplier<DatabaseSettings> fresh)
            throws SQLException {
        try (Database database = Database.open(fresh.get());
             Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO users"
                     + " (id, username, username_canonical, password_hash, created_at, updated_at)"
                     + " VALUES (?, 'Mixed', 'Mixed', '$test$x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setObject(1, UUID.randomUUID());

            assertThrows(SQLException.class, insert::executeUpdate);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void keeps_microseconds_of_the_creation_time(String vendor, Supplier<DatabaseSettings> fresh) {
        try (Database database = Database.open(fresh.get())) {
            User user = User.register(new Username("precise"), new PasswordHash("$test$x"), null, null,
                    Instant.parse("2026-01-31T23:59:59.999999Z"));
            database.users().add(user);

            assertEquals(user.createdAt(), database.users().findById(user.id()).orElseThrow().createdAt());
        }
    }

    @Test
    void the_embedded_file_database_keeps_users_across_a_restart(@TempDir Path dataDirectory) {
        DatabaseSettings settings = DatabaseSettings.embedded(dataDirectory);
        User user = User.register(new Username("Survivor"), new PasswordHash("$test$survives"),
                new EmailAddress("survivor@example.com"), new FullName("Sur Vivor"), Instant.now());

        try (Database database = Database.open(settings)) {
            assertEquals("h2", database.vendor());
            assertEquals(AddUserOutcome.ADDED, database.users().add(user));
        }

        try (Database reopened = Database.open(DatabaseSettings.embedded(dataDirectory))) {
            assertEquals(Optional.of(user), reopened.users().findByUsername(new Username("survivor")));
        }
    }

    @Test
    void fails_fast_naming_the_url_but_not_the_password_when_the_database_is_unreachable() {
        String url = "jdbc:postgresql://127.0.0.1:1/nowhere";
        DatabaseSettings settings = new DatabaseSettings(url, "gatehouse", "Sup3r-s3cret", 2);

        long start = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Database.open(settings));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(failure.getMessage().contains(url), failure.getMessage());
        assertFalse(failure.getMessage().contains("Sup3r-s3cret"), failure.getMessage());
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    @Test
    void masks_a_password_carried_in_the_url_when_it_fails() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/nowhere?password=InUrl-s3cret",
                "gatehouse", null, 2);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Database.open(settings));

        assertTrue(failure.getMessage().contains("jdbc:postgresql://127.0.0.1:1/nowhere"), failure.getMessage());
        assertFalse(failure.getMessage().contains("InUrl-s3cret"), failure.getMessage());
    }

    @Test
    void fails_with_the_url_when_no_driver_understands_it() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:nosuchdb://somewhere/db", "u", "Sup3r-s3cret", 2);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Database.open(settings));

        assertTrue(failure.getMessage().contains("jdbc:nosuchdb://somewhere/db"), failure.getMessage());
        assertFalse(failure.getMessage().contains("Sup3r-s3cret"), failure.getMessage());
    }

    @Test
    void close_is_idempotent_and_the_same_repository_is_returned() {
        Database database = Database.open(TestDatabases.freshH2());

        assertSame(database.users(), database.users());
        assertSame(database.loginThrottle(), database.loginThrottle());
        assertSame(database.auditLog(), database.auditLog());
        assertSame(database.refreshTokens(), database.refreshTokens());
        database.close();
        database.close();
    }

    private static User aUser(String name) {
        return User.register(new Username(name), new PasswordHash("$test$hash"), null, null, Instant.now());
    }

    private static long appliedMigrations(Database database) throws SQLException {
        return count(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
    }

    /** The names of the table's indexes other than those backing its primary key. */
    private static Set<String> indexesOf(Database database, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = database.dataSource().getConnection();
             ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (indexes.next()) {
                String name = indexes.getString("INDEX_NAME");
                if (name != null && name.startsWith("ix_")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
