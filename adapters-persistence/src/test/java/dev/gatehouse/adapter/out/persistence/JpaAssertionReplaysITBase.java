package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.testing.AssertionReplaysContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The assertion-replay contract on one vendor, each test on a fresh database; "another instance" opens the same
 * database again (its own pool), so the contract's race runs across two instances.
 */
abstract class JpaAssertionReplaysITBase extends AssertionReplaysContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected AssertionReplays newReplays() {
        if (settings == null) {
            settings = freshSettings();
        }
        return databases.open(settings).assertionReplays();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
        settings = null;
    }
}
