package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hashes are upgraded on login, end to end: after the operator raises the argon2 cost, and for users brought
 * over from a passlib/bcrypt application; every step leaves its audit event in the database.
 */
class PasswordUpgradeIT {

    private static final String PASSWORD = "correct horse battery";
    /** Made by {@code htpasswd -nbBC 10 legacy 'correct horse battery'}, outside Gatehouse's code. */
    private static final PasswordHash LEGACY_BCRYPT = new PasswordHash("$2y$10$ZS044cS0VrX6HCBTry.D0uSur8CZtHJwHIsMj64ACCzHPD0rLWyl.");

    private final DatabaseSettings database = TestDatabases.freshPostgres();

    @Test
    void a_login_after_the_cost_was_raised_stores_a_hash_at_the_new_cost() throws Exception {
        try (Gatehouse before = Gatehouse.start(settings("1024"), Clock.systemUTC())) {
            assertEquals(201, new TestHttp(before.port()).register("jane", PASSWORD).statusCode());
            assertTrue(storedHash(before, "jane").encoded().startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        }

        try (Gatehouse after = Gatehouse.start(settings("2048"), Clock.systemUTC())) {
            assertEquals(200, new TestHttp(after.port()).logIn("jane", PASSWORD).statusCode());
            assertTrue(storedHash(after, "jane").encoded().startsWith("$argon2id$v=19$m=2048,t=1,p=1$"));
            assertEquals(200, new TestHttp(after.port()).logIn("jane", PASSWORD).statusCode(), "the new hash verifies");
        }
        assertEquals(List.of("user_registered", "login_succeeded", "password_rehashed", "login_succeeded"), auditTrailOf("jane"));
    }

    @Test
    void a_user_migrated_with_a_bcrypt_hash_logs_in_and_is_moved_to_argon2id() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settings("1024"), Clock.systemUTC())) {
            gatehouse.ports().users().add(User.register(new Username("legacy"), LEGACY_BCRYPT, null, null, Clock.systemUTC().instant()));

            assertEquals(200, new TestHttp(gatehouse.port()).logIn("legacy", PASSWORD).statusCode());

            assertTrue(storedHash(gatehouse, "legacy").encoded().startsWith("$argon2id$"), "upgraded from bcrypt");
            assertEquals(200, new TestHttp(gatehouse.port()).logIn("legacy", PASSWORD).statusCode());
        }
    }

    private GatehouseSettings settings(String memoryKiB) {
        return GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "upgrade-test-secret-of-at-least-32-bytes",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", memoryKiB,
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(database);
    }

    private static PasswordHash storedHash(Gatehouse gatehouse, String username) {
        return gatehouse.ports().users().findByUsername(new Username(username)).orElseThrow().passwordHash();
    }

    private List<String> auditTrailOf(String subject) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement(
                     "select event_type from audit_events where subject = ? order by occurred_at, event_type desc")) {
            query.setString(1, subject);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
            return types;
        }
    }
}
