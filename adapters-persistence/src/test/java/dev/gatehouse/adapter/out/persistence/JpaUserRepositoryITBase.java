package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.UserRepositoryContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The repository contract on one vendor, one fresh database per test, plus the security version, which the
 * contract only touches in passing: it must survive add, update and a password-hash upgrade, apart from the
 * optimistic-locking {@code version} column.
 */
abstract class JpaUserRepositoryITBase extends UserRepositoryContract {

    private final OpenDatabases databases = new OpenDatabases();
    private UserRepository users;

    /** A new, empty database of the vendor under test. */
    protected abstract DatabaseSettings freshSettings();

    @Override
    protected UserRepository newEmptyRepository() {
        users = databases.open(freshSettings()).users();
        return users;
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void keeps_the_security_version_through_add_update_and_a_hash_upgrade() {
        User registered = User.register(new Username("versioned"), new PasswordHash("$test$old"), null, null,
                Instant.parse("2026-11-22T10:15:30.123456Z"));
        User alreadyEnded = registered.endAllSessions().endAllSessions();

        users.add(alreadyEnded);
        assertEquals(Optional.of(alreadyEnded), users.findById(registered.id()));

        User changed = alreadyEnded.changePassword(new PasswordHash("$test$new")).disable();
        users.change(registered.id(), stored -> stored.changePassword(new PasswordHash("$test$new")).disable());
        assertEquals(4, users.findByUsername(new Username("versioned")).orElseThrow().securityVersion());
        assertEquals(Optional.of(changed), users.findById(registered.id()));

        PasswordHash upgraded = new PasswordHash("$test$upgraded");
        users.replacePasswordHash(registered.id(), changed.passwordHash(), upgraded);
        assertEquals(Optional.of(changed.withPasswordHash(upgraded)), users.findById(registered.id()));

        User endedAgain = changed.withPasswordHash(upgraded).enable().endAllSessions();
        users.change(registered.id(), stored -> stored.enable().endAllSessions());
        assertEquals(Optional.of(endedAgain), users.findById(registered.id()));
    }
}
