package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");

    @Test
    void a_registered_user_is_active_with_a_fresh_identity() {
        User user = User.register(new Username("johndoe"), HASH, new EmailAddress("johndoe@example.com"),
                new FullName("John Doe"), Instant.parse("2026-11-22T10:00:00.123456789Z"));

        assertTrue(user.isActive());
        assertFalse(user.isDisabled());
        assertEquals(Instant.parse("2026-11-22T10:00:00.123456Z"), user.createdAt());
        assertNotEquals(user.id(), User.register(new Username("johndoe"), HASH, null, null, Instant.EPOCH).id());
    }

    @Test
    void changes_return_a_new_user_and_keep_the_identity() {
        User user = User.register(new Username("johndoe"), HASH, null, null, Instant.EPOCH);
        PasswordHash newHash = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3");

        User disabled = user.disable();
        User rehashed = user.withPasswordHash(newHash);

        assertTrue(disabled.isDisabled());
        assertFalse(user.isDisabled());
        assertTrue(disabled.enable().isActive());
        assertEquals(newHash, rehashed.passwordHash());
        assertEquals(user.id(), disabled.id());
        assertEquals(user.id(), rehashed.id());
    }

    @Test
    void optional_profile_fields_are_empty_when_absent() {
        User user = User.register(new Username("minimal"), HASH, null, null, Instant.EPOCH);

        assertTrue(user.email().isEmpty());
        assertTrue(user.fullName().isEmpty());
        assertFalse(user.toString().contains("argon2id"));
    }

    @Test
    void ending_sessions_moves_the_security_version_on_and_rehashing_does_not() {
        User user = User.register(new Username("johndoe"), HASH, null, null, Instant.EPOCH);
        PasswordHash newHash = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3");

        assertEquals(0, user.securityVersion());
        assertEquals(0, user.withPasswordHash(newHash).securityVersion(), "same password, new format: sessions go on");
        assertEquals(1, user.changePassword(newHash).securityVersion());
        assertEquals(newHash, user.changePassword(newHash).passwordHash());
        assertEquals(1, user.disable().securityVersion());
        assertEquals(1, user.disable().enable().securityVersion(), "enabling again does not revive old sessions");
        assertEquals(2, user.endAllSessions().endAllSessions().securityVersion());
        assertNotEquals(user, user.endAllSessions());
    }

    @Test
    void users_without_roles_share_one_empty_set_and_held_roles_stay_sorted_and_unmodifiable() {
        User john = User.register(new Username("johndoe"), HASH, null, null, Instant.EPOCH);
        User jane = User.register(new Username("janedoe"), HASH, null, null, Instant.EPOCH);
        assertSame(john.roles(), jane.roles(), "a cached user without roles carries no set of its own");
        assertSame(john.roles(), john.withRole(Role.ADMIN).withoutRole(Role.ADMIN).roles());

        User both = john.withRole(new Role("support")).withRole(Role.ADMIN);

        assertEquals(List.of(Role.ADMIN, new Role("support")), List.copyOf(both.roles()));
        assertThrows(UnsupportedOperationException.class, () -> both.roles().add(new Role("auditor")));
        assertThrows(UnsupportedOperationException.class, () -> john.roles().add(Role.ADMIN));
    }
}
