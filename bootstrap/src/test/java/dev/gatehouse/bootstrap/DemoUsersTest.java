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
}
