package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MinimumLengthPasswordPolicy;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegisterUserServiceTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RegisterUserService register =
            new RegisterUserService(users, hasher, new MinimumLengthPasswordPolicy(8), audit, clock);

    @Test
    void stores_an_active_user_with_a_hash_of_the_password() {
        RegisterUserResult result = register.register(new RegisterUserCommand(new Username("johndoe"),
                new PlainPassword("correct horse"), Optional.of(new EmailAddress("johndoe@example.com")),
                Optional.of(new FullName("John Doe")), ClientAddress.LOCAL));

        User registered = assertInstanceOf(RegisterUserResult.Registered.class, result).user();
        User stored = users.findByUsername(new Username("johndoe")).orElseThrow();
        assertEquals(registered, stored);
        assertTrue(stored.isActive());
        assertNotEquals("correct horse", stored.passwordHash().encoded());
        assertTrue(hasher.verify(new PlainPassword("correct horse"), stored.passwordHash()));
        assertEquals(Optional.of(new FullName("John Doe")), stored.fullName());
        assertEquals(List.of(AuditEvent.Type.USER_REGISTERED), audit.types());
    }

    @Test
    void spends_the_same_hashing_work_on_a_taken_username_as_on_a_new_one() {
        register.register(command("johndoe", "first password"));
        int hashesBefore = hasher.hashes();

        register.register(command("JohnDoe", "second password"));

        assertEquals(1, hasher.hashes() - hashesBefore);
    }

    @Test
    void turns_a_registration_away_when_hashing_is_at_capacity_and_stores_nothing() {
        hasher.saturate();

        assertEquals(new RegisterUserResult.Overloaded(Duration.ofSeconds(1)), register.register(command("johndoe", "first password")));
        assertTrue(users.findByUsername(new Username("johndoe")).isEmpty());
    }

    @Test
    void asks_the_policy_about_the_password() {
        assertInstanceOf(RegisterUserResult.PasswordRejected.class, register.register(command("johndoe", "JohnDoe")));
    }

    @Test
    void refuses_a_username_taken_in_any_case_and_keeps_the_first_account() {
        register.register(command("johndoe", "first password"));
        User first = users.findByUsername(new Username("johndoe")).orElseThrow();

        assertInstanceOf(RegisterUserResult.UsernameTaken.class, register.register(command("JOHNDOE", "second password")));
        assertEquals(first, users.findByUsername(new Username("johndoe")).orElseThrow());
    }

    @Test
    void audits_a_taken_username_with_the_name_asked_for_and_the_client() {
        register.register(command("johndoe", "first password"));

        register.register(command("JohnDoe", "second password"));

        assertEquals(List.of(AuditEvent.Type.USER_REGISTERED, AuditEvent.Type.USERNAME_TAKEN), audit.types());
        AuditEvent taken = audit.events().getLast();
        assertEquals("JohnDoe", taken.subject());
        assertEquals(command("x", "y").client(), taken.client());
    }

    @Test
    void refuses_a_password_shorter_than_eight_characters() {
        RegisterUserResult result = register.register(command("shorty", "1234567"));

        assertEquals(new RegisterUserResult.PasswordRejected("password must be at least 8 characters"), result);
        assertTrue(users.findByUsername(new Username("shorty")).isEmpty());
        assertInstanceOf(RegisterUserResult.Registered.class, register.register(command("enough", "12345678")));
    }

    private static RegisterUserCommand command(String username, String password) {
        return new RegisterUserCommand(new Username(username), new PlainPassword(password), Optional.empty(), Optional.empty(), ClientAddress.LOCAL);
    }
}
