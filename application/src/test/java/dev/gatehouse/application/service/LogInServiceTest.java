package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogInServiceTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private LogInService logIn;

    @BeforeEach
    void setUp() {
        users.add(User.register(new Username("johndoe"), hasher.hash(new PlainPassword("secret")), null, null, clock.instant()));
        logIn = new LogInService(users, hasher, tokens);
    }

    @Test
    void issues_a_token_for_the_right_password() {
        LogInResult result = logIn.logIn(command("johndoe", "secret"));

        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, result);
        assertEquals(new Username("johndoe"), tokens.verify(loggedIn.accessToken().value()).orElseThrow().subject());
    }

    @Test
    void accepts_the_username_in_any_case() {
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("JohnDoe", "secret")));
    }

    @Test
    void refuses_a_wrong_password() {
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(command("johndoe", "Secret")));
    }

    @Test
    void answers_an_unknown_user_exactly_like_a_wrong_password() {
        assertEquals(logIn.logIn(command("johndoe", "wrong")), logIn.logIn(command("nobody", "secret")));
        assertEquals(logIn.logIn(command("johndoe", "wrong")), logIn.logIn(command("not a valid name!", "secret")));
    }

    @Test
    void spends_one_password_verification_on_every_path() {
        int before = hasher.verifications();

        logIn.logIn(command("johndoe", "secret"));
        logIn.logIn(command("johndoe", "wrong"));
        logIn.logIn(command("nobody", "secret"));
        logIn.logIn(command("not a valid name!", "secret"));

        assertEquals(4, hasher.verifications() - before);
    }

    @Test
    void never_grants_a_scope_just_because_it_was_requested() {
        LogInResult result = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("secret"), Set.of(new Scope("admin"))));

        assertTrue(assertInstanceOf(LogInResult.LoggedIn.class, result).accessToken().scopes().isEmpty());
    }

    private static LogInCommand command(String username, String password) {
        return new LogInCommand(username, new PlainPassword(password), Set.of());
    }
}
