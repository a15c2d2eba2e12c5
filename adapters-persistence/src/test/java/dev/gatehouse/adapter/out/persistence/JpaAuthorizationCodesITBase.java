package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.testing.AuthorizationCodesContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The authorization-code contract on one vendor, each test on a fresh database; "another instance" is a second
 * {@link Database} opened on the same one, so the contract's race of many redemptions runs across two instances.
 */
abstract class JpaAuthorizationCodesITBase extends AuthorizationCodesContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected AuthorizationCodes newEmptyStore() {
        settings = freshSettings();
        return databases.open(settings).authorizationCodes();
    }

    @Override
    protected AuthorizationCodes anotherInstanceOnTheSameStore() {
        return databases.open(settings).authorizationCodes();
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }
}
