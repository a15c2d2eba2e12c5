package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.testing.BrowserSessionRegistryContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The browser-session registry contract on one vendor, each test on a fresh database; "another instance" is a second
 * {@link Database} opened on the same one, so a logout on one instance is checked on the other, and the race of many
 * logouts runs across two instances.
 */
abstract class JpaBrowserSessionRegistryITBase extends BrowserSessionRegistryContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected BrowserSessionRegistry newEmptyRegistry() {
        settings = freshSettings();
        return databases.open(settings).browserSessionRegistry();
    }

    @Override
    protected BrowserSessionRegistry anotherInstanceOnTheSameStore() {
        return databases.open(settings).browserSessionRegistry();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
