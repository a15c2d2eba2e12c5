package dev.gatehouse.adapter.out.persistence.sample;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository contract for the JDBC sample on PostgreSQL (embedded, or the server named by
 * GATEHOUSE_TEST_DB_URL), one fresh database per test.
 */
class JdbcUserRepositoryPostgresIT extends UserRepositoryContract {

    private Database database;

    @Override
    protected UserRepository newEmptyRepository() {
        // Opening a Database runs the Flyway migrations: the sample uses the schema production uses.
        database = Database.open(TestDatabases.freshPostgres());
        return new JdbcUserRepository(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
