package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void points_an_admin_url_at_another_database_keeping_host_and_parameters() {
        assertEquals("jdbc:postgresql://db:5432/fresh?sslmode=require",
                TestDatabases.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=require", "fresh"));
        assertEquals("jdbc:postgresql://db/fresh", TestDatabases.withDatabase("jdbc:postgresql://db/", "fresh"));
        assertEquals("jdbc:postgresql://db/fresh", TestDatabases.withDatabase("jdbc:postgresql://db", "fresh"));
        assertEquals("jdbc:postgresql://a:1,b:2/fresh", TestDatabases.withDatabase("jdbc:postgresql://a:1,b:2/admin", "fresh"));
        assertThrows(IllegalArgumentException.class, () -> TestDatabases.withDatabase("jdbc:h2:mem:x", "fresh"));
    }

    @Test
    void every_h2_database_is_new_and_in_postgresql_mode() {
        DatabaseSettings first = TestDatabases.freshH2();

        assertNotEquals(first.jdbcUrl(), TestDatabases.freshH2().jdbcUrl());
        assertTrue(first.jdbcUrl().startsWith("jdbc:h2:mem:gatehouse_test_"), first.jdbcUrl());
        assertTrue(first.jdbcUrl().contains(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"),
                first.jdbcUrl());
        assertTrue(first.isEmbedded());
    }
}
