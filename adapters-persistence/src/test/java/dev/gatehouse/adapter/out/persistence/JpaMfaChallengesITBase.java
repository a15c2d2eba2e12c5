package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.testing.MfaChallengesContract;
import org.junit.jupiter.api.AfterEach;

/** The challenge contract on one vendor, each test on a fresh database, the race across two instances. */
abstract class JpaMfaChallengesITBase extends MfaChallengesContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Stores newEmptyStores() {
        settings = freshSettings();
        Database database = databases.open(settings);
        return new Stores(database.mfaChallenges(), database.users());
    }

    @Override
    protected MfaChallenges anotherInstance() {
        return databases.open(settings).mfaChallenges();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
