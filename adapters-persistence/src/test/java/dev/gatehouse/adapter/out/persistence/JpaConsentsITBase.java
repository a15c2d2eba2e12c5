package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.testing.ConsentsContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The consents contract on one vendor, each test on a fresh database; "another instance" is a second
 * {@link Database} (its own pool and EntityManagerFactory) opened on the same one, so the contract's race of parallel
 * grants runs across two instances.
 */
abstract class JpaConsentsITBase extends ConsentsContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Consents newEmptyStore() {
        settings = freshSettings();
        return databases.open(settings).consents();
    }

    @Override
    protected Consents anotherInstanceOnTheSameStore() {
        return databases.open(settings).consents();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
