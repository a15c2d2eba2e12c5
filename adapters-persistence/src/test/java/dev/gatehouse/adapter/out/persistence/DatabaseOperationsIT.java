package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operations (readiness, metrics) read from an open database. */
class DatabaseOperationsIT {

    @Test
    void reports_pool_usage() throws Exception {
        try (Database database = Database.open(TestDatabases.freshPostgres());
             Connection borrowed = database.dataSource().getConnection()) {
            PoolUsage usage = database.poolUsage();

            assertEquals(1, usage.active());
            assertEquals(10, usage.maximum());
            assertTrue(usage.total() >= 1);
            assertTrue(borrowed.isValid(1));
        }
    }

    @Test
    void is_reachable_while_open_and_answers_within_the_timeout_when_the_pool_is_exhausted() throws Exception {
        DatabaseSettings fresh = TestDatabases.freshPostgres();
        try (Database database = Database.open(new DatabaseSettings(fresh.jdbcUrl(), fresh.user(), fresh.password(), 2))) {
            assertTrue(database.isReachable(Duration.ofSeconds(1)));
            try (Connection first = database.dataSource().getConnection();
                 Connection second = database.dataSource().getConnection()) {
                long started = System.nanoTime();

                assertFalse(database.isReachable(Duration.ofMillis(500)));

                assertTrue((System.nanoTime() - started) / 1_000_000 < 1_500, "answered within the timeout");
                assertTrue(first.isValid(1) && second.isValid(1));
            }
        }
    }

    @Test
    void a_closed_database_is_not_reachable() {
        Database database = Database.open(TestDatabases.freshH2());
        database.close();

        assertFalse(database.isReachable(Duration.ofMillis(200)));
    }
}
