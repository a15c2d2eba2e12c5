package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.testing.MailOutboxContract;
import org.junit.jupiter.api.AfterEach;

/** The outbox contract on one vendor, each test on a fresh database; the race runs across two instances on it. */
abstract class JpaMailOutboxITBase extends MailOutboxContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected MailOutbox newEmptyOutbox() {
        settings = freshSettings();
        return databases.open(settings).mailOutbox();
    }

    @Override
    protected MailOutbox anotherInstance() {
        return databases.open(settings).mailOutbox();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
