package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import org.junit.jupiter.api.AfterEach;

/** The repository contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaUserRepositoryPostgresIT extends UserRepositoryContract {

    private final OpenDatabases databases = new OpenDatabases();

    @Override
    protected UserRepository newEmptyRepository() {
        return databases.open(TestDatabases.freshPostgres()).users();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
