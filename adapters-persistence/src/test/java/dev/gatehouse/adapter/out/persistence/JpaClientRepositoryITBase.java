package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.application.testing.ClientRepositoryContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The client repository contract on one vendor, each test on a fresh database; "another instance" opens the same
 * database again (its own pool), so the contract's race runs across two instances.
 */
abstract class JpaClientRepositoryITBase extends ClientRepositoryContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected ClientRepository newRepository() {
        if (settings == null) {
            settings = freshSettings();
        }
        return databases.open(settings).clientRepository();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
        settings = null;
    }
}
