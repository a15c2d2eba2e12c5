package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The repository contract on PostgreSQL (embedded, or the server named by GATEHOUSE_TEST_DB_URL), one fresh database per test. */
class JpaUserRepositoryPostgresIT extends UserRepositoryContract {

    private final List<Database> opened = new ArrayList<>();

    @Override
    protected UserRepository newEmptyRepository() {
        Database database = Database.open(TestDatabases.freshPostgres());
        opened.add(database);
        return database.users();
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
        opened.clear();
    }
}
