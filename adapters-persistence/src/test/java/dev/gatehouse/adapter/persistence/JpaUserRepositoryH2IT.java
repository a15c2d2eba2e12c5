package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The repository contract on H2 in PostgreSQL mode, the embedded production option, one fresh database per test. */
class JpaUserRepositoryH2IT extends UserRepositoryContract {

    private final List<Database> opened = new ArrayList<>();

    @Override
    protected UserRepository newEmptyRepository() {
        Database database = Database.open(TestDatabases.freshH2());
        opened.add(database);
        return database.users();
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
        opened.clear();
    }
}
