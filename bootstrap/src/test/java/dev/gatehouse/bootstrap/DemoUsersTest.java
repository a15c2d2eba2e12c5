package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import org.junit.jupiter.api.Test;

class DemoUsersTest {

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();

    @Test
    void seeds_the_tutorial_users_once() {
        DemoUsers.seed(users, hasher, MutableClock.startingNow());
        User johndoe = users.findByUsername(new Username("johndoe")).orElseThrow();

        DemoUsers.seed(users, hasher, MutableClock.startingNow());

        assertEquals(johndoe, users.findByUsername(new Username("johndoe")).orElseThrow());
        assertTrue(johndoe.isActive());
        assertTrue(hasher.verify(new PlainPassword("secret"), johndoe.passwordHash()));
        User alice = users.findByUsername(new Username("alice")).orElseThrow();
        assertTrue(alice.isDisabled());
        assertTrue(hasher.verify(new PlainPassword("secret2"), alice.passwordHash()));
    }

    @Test
    void finds_the_demo_accounts_that_can_still_log_in_with_their_published_password() {
        assertEquals(java.util.List.of(), DemoUsers.stillUsable(users, hasher), "none seeded yet");
        DemoUsers.seed(users, hasher, MutableClock.startingNow());

        // alice is seeded disabled: only johndoe, an administrator, can log in with what the README publishes.
        assertEquals(java.util.List.of(new Username("johndoe")), DemoUsers.stillUsable(users, hasher));

        User johndoe = users.findByUsername(new Username("johndoe")).orElseThrow();
        users.replacePasswordHash(johndoe.id(), johndoe.passwordHash(), hasher.hash(new PlainPassword("a password of their own")));
        assertEquals(java.util.List.of(), DemoUsers.stillUsable(users, hasher), "a changed password is no longer published");
    }
}
