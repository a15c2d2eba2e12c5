package dev.gatehouse.adapter.out.persistence.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.sql.Connection;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The repository contract for the JDBC sample on H2 in PostgreSQL mode, one fresh database per test. */
class JdbcUserRepositoryH2IT extends UserRepositoryContract {

    private Database database;

    @Override
    protected UserRepository newEmptyRepository() {
        // Opening a Database runs the Flyway migrations: the sample uses the schema production uses.
        database = Database.open(TestDatabases.freshH2());
        return new JdbcUserRepository(database.dataSource());
    }

    /** Beyond the contract: only the username constraint means "taken"; another clash is an error, not an answer. */
    @Test
    void a_clash_on_another_constraint_is_an_error_not_a_taken_username() {
        UserRepository repository = new JdbcUserRepository(database.dataSource());
        User first = User.register(new Username("first"), new PasswordHash("$test$first"), null, null, Instant.now());
        User sameId = new User(first.id(), new Username("second"), null, null, new PasswordHash("$test$second"), false,
                first.createdAt(), 0, java.util.Set.of());
        assertEquals(AddUserOutcome.ADDED, repository.add(first));

        assertThrows(IllegalStateException.class, () -> repository.add(sameId));
    }

    /** Beyond the contract: no connection to be had is the port's transient failure, which the web adapter answers with 503. */
    @Test
    void an_exhausted_pool_is_reported_as_unavailable() throws Exception {
        DatabaseSettings fresh = TestDatabases.freshH2();
        try (Database smallest = Database.open(new DatabaseSettings(fresh.jdbcUrl(), fresh.user(), fresh.password(),
                     DatabaseSettings.MIN_POOL_SIZE));
             Connection hogged = smallest.dataSource().getConnection();
             Connection alsoHogged = smallest.dataSource().getConnection()) {
            UserRepository repository = new JdbcUserRepository(smallest.dataSource());

            assertThrows(StoreUnavailableException.class, () -> repository.findByUsername(new Username("jane")));
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
