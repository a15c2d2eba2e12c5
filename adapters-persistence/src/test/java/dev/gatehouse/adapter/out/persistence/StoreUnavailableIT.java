package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * When no connection can be had (every pooled one busy past the timeout, or the server gone), the adapters
 * answer with the port's transient {@link StoreUnavailableException}, so the web layer can say "retry".
 */
class StoreUnavailableIT {

    @Test
    void an_exhausted_pool_is_reported_as_unavailable_not_as_a_bug() throws Exception {
        DatabaseSettings fresh = TestDatabases.freshPostgres();
        DatabaseSettings smallestPool = new DatabaseSettings(fresh.jdbcUrl(), fresh.user(), fresh.password(),
                DatabaseSettings.MIN_POOL_SIZE);
        try (Database database = Database.open(smallestPool);
             Connection hogged = database.dataSource().getConnection();
             Connection alsoHogged = database.dataSource().getConnection()) {
            long started = System.nanoTime();

            assertThrows(StoreUnavailableException.class, () -> database.users().findByUsername(new Username("jane")));
            assertThrows(StoreUnavailableException.class,
                    () -> database.loginThrottle().attemptsOf(ThrottleKey.account(new Username("jane"))));
            assertThrows(StoreUnavailableException.class, () -> database.refreshTokens().find(new RefreshTokenHash("0".repeat(64))));

            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            // Three calls, each waiting out the pool's 3 s connection timeout once, not Hikari's 30 s default.
            assertTrue(seconds < 15, "fails fast, within the pool's connection timeout: " + seconds + " s");
            assertTrue(hogged.isValid(1) && alsoHogged.isValid(1));
        }
    }
}
