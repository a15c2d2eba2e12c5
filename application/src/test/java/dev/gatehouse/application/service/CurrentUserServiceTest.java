package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentUserServiceTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final CurrentUserService currentUser = new CurrentUserService(tokens, new InMemoryRevokedAccessTokens(), users);
    private final User johndoe = User.register(new Username("johndoe"), new PasswordHash("$test$x"), null, null, clock.instant());

    @Test
    void resolves_a_valid_token_to_its_user() {
        users.add(johndoe);

        assertEquals(new CurrentUserResult.Authenticated(johndoe), currentUser.currentUser(queryFor(johndoe)));
    }

    @Test
    void refuses_a_token_it_cannot_verify() {
        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(new CurrentUserQuery("forged")));
    }

    @Test
    void refuses_an_expired_token() {
        users.add(johndoe);
        CurrentUserQuery query = queryFor(johndoe);

        clock.advance(Duration.ofMinutes(16));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(query));
    }

    @Test
    void refuses_a_token_whose_user_no_longer_exists() {
        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(queryFor(johndoe)));
    }

    @Test
    void refuses_the_token_of_a_deleted_account_to_a_new_account_registered_under_the_same_name() {
        CurrentUserQuery deletedAccountsToken = queryFor(johndoe);
        // The store after johndoe was deleted and the name registered again: same name, another account.
        User successor = User.register(new Username("johndoe"), new PasswordHash("$test$y"), null, null, clock.instant());
        users.add(successor);

        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(deletedAccountsToken));
        assertEquals(new CurrentUserResult.Authenticated(successor), currentUser.currentUser(queryFor(successor)));
    }

    @Test
    void reports_a_disabled_user_as_inactive_even_with_a_token_issued_before() {
        users.add(johndoe);
        CurrentUserQuery query = queryFor(johndoe);

        users.change(johndoe.id(), stored -> stored.disable());

        assertInstanceOf(CurrentUserResult.InactiveUser.class, currentUser.currentUser(query));
    }

    @Test
    void refuses_a_token_from_before_the_users_sessions_were_ended() {
        users.add(johndoe);
        CurrentUserQuery before = queryFor(johndoe);
        users.change(johndoe.id(), stored -> stored.endAllSessions());

        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(before));
        assertInstanceOf(CurrentUserResult.Authenticated.class,
                currentUser.currentUser(queryFor(users.findByUsername(johndoe.username()).orElseThrow())));
    }

    @Test
    void does_not_revive_a_disabled_users_old_token_when_the_user_is_enabled_again() {
        users.add(johndoe);
        CurrentUserQuery before = queryFor(johndoe);
        users.change(johndoe.id(), stored -> stored.disable());
        users.change(users.findByUsername(johndoe.username()).orElseThrow().id(), stored -> stored.enable());

        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(before));
    }

    private CurrentUserQuery queryFor(User user) {
        return new CurrentUserQuery(tokens.issue(user, Set.of(), SessionId.newId()).value());
    }
}
