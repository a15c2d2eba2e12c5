package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import org.junit.jupiter.api.AfterEach;

/** The repository contract on H2 in PostgreSQL mode, the embedded production option, one fresh database per test. */
class JpaUserRepositoryH2IT extends UserRepositoryContract {

    private final OpenDatabases databases = new OpenDatabases();

    @Override
    protected UserRepository newEmptyRepository() {
        return databases.open(TestDatabases.freshH2()).users();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
