package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ActiveSession;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.EndSessionCommand;
import dev.gatehouse.application.port.in.EndSessionResult;
import dev.gatehouse.application.port.in.ShowAccountQuery;
import dev.gatehouse.application.port.in.ShowAccountResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryKnownDevices;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryPasswordDirectory;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.InMemoryTwoFactorCredentials;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account page's sessions: a person lists their own live sessions and ends one of them, never another person's. */
class AccountSessionsTest {

    private static final ClientAddress CLIENT = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "correct horse";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryRevokedAccessTokens revokedAccessTokens = new InMemoryRevokedAccessTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(10));
    private final InMemoryTwoFactorCredentials twoFactor = new InMemoryTwoFactorCredentials();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final LogInService logIn = new LogInService(users, hasher, new InMemoryPasswordDirectory(), accessTokens,
            refreshTokens, throttle, new InMemoryKnownDevices(), audit,
            new LoginProtection(AccountBackoff.DEFAULT, ClientBudget.DEFAULT), ScopePolicy.DEFAULT, new InMemoryClientRegistry(), clock);
    private final RefreshTokenService refresh = new RefreshTokenService(refreshTokens, accessTokens, revokedAccessTokens, users,
            throttle, audit, policy, new InMemoryClientRegistry(), clock);
    private final BearerAuthentication bearers = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
    private final ShowAccountService list = new ShowAccountService(bearers, refreshTokens, twoFactor, policy, clock);
    private final EndSessionService end = new EndSessionService(bearers, refreshTokens, revokedAccessTokens, accessTokens, audit,
            clock);
    private final CurrentUserService currentUser = new CurrentUserService(accessTokens, revokedAccessTokens, users);

    @BeforeEach
    void register() {
        for (String name : List.of("jane", "john")) {
            users.add(User.register(new Username(name), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
        }
    }

    @Test
    void lists_the_callers_live_sessions_marks_its_own_and_leaves_out_other_peoples_and_ended_ones() {
        LogInResult.LoggedIn phone = logIn("jane");
        clock.advance(Duration.ofMinutes(1));
        LogInResult.LoggedIn laptop = logIn("jane");
        logIn("john");
        logIn("jane");
        java.time.Instant idleStarted = clock.instant();
        clock.advance(Duration.ofDays(6));
        RefreshResult.Refreshed phoneDaySix = assertInstanceOf(RefreshResult.Refreshed.class,
                refresh.refresh(new RefreshCommand(phone.refreshToken(), Optional.empty(), CLIENT)));
        assertInstanceOf(RefreshResult.Refreshed.class,
                refresh.refresh(new RefreshCommand(laptop.refreshToken(), Optional.empty(), CLIENT)));
        clock.advance(Duration.ofDays(2));
        RefreshResult.Refreshed phoneLater = assertInstanceOf(RefreshResult.Refreshed.class,
                refresh.refresh(new RefreshCommand(phoneDaySix.refreshToken(), Optional.empty(), CLIENT)));

        List<ActiveSession> sessions = listed(phoneLater.accessToken().value());

        assertEquals(2, sessions.size(), "jane's two used sessions; the idle one and john's are not listed: " + sessions);
        assertTrue(sessions.get(0).lastUsedAt().compareTo(sessions.get(1).lastUsedAt()) >= 0, "most recently used first");
        assertEquals(1, sessions.stream().filter(ActiveSession::current).count(), "the caller's own session is marked");
        assertFalse(sessions.stream().anyMatch(session -> session.lastUsedAt().equals(idleStarted)), "the idle one is gone");
    }

    @Test
    void a_person_ends_one_of_their_sessions_and_its_tokens_stop_at_once() {
        LogInResult.LoggedIn here = logIn("jane");
        LogInResult.LoggedIn elsewhere = logIn("jane");
        String elsewhereId = listed(here.accessToken().value()).stream().filter(session -> !session.current()).findFirst()
                .orElseThrow().id();

        assertEquals(new EndSessionResult.Ended(), end(here, elsewhereId));

        assertInstanceOf(CurrentUserResult.InvalidToken.class,
                currentUser.currentUser(new CurrentUserQuery(elsewhere.accessToken().value())), "its access token stops");
        assertInstanceOf(RefreshResult.InvalidGrant.class,
                refresh.refresh(new RefreshCommand(elsewhere.refreshToken(), Optional.empty(), CLIENT)), "and its refresh token");
        assertInstanceOf(CurrentUserResult.Authenticated.class,
                currentUser.currentUser(new CurrentUserQuery(here.accessToken().value())), "the caller's own goes on");
        assertEquals(1, listed(here.accessToken().value()).size());
        assertTrue(audit.types().contains(AuditEvent.Type.SESSION_REVOKED));
        assertEquals(new EndSessionResult.NotFound(), end(here, elsewhereId), "once");
    }

    @Test
    void another_persons_session_id_ends_nothing_and_is_answered_as_an_unknown_one() {
        LogInResult.LoggedIn jane = logIn("jane");
        LogInResult.LoggedIn john = logIn("john");
        String johnsId = listed(john.accessToken().value()).get(0).id();

        assertEquals(new EndSessionResult.NotFound(), end(jane, johnsId));
        assertEquals(new EndSessionResult.NotFound(), end(jane, "not-a-session-id"));

        assertInstanceOf(CurrentUserResult.Authenticated.class, currentUser.currentUser(new CurrentUserQuery(john.accessToken().value())));
        assertInstanceOf(RefreshResult.Refreshed.class,
                refresh.refresh(new RefreshCommand(john.refreshToken(), Optional.empty(), CLIENT)), "john's session goes on");
        assertFalse(audit.types().contains(AuditEvent.Type.SESSION_REVOKED));
    }

    @Test
    void a_bad_token_lists_and_ends_nothing() {
        LogInResult.LoggedIn jane = logIn("jane");
        String id = listed(jane.accessToken().value()).get(0).id();

        assertEquals(new ShowAccountResult.InvalidToken(), list.showAccount(new ShowAccountQuery("forged")));
        assertEquals(new EndSessionResult.InvalidToken(), end.endSession(new EndSessionCommand("forged", id, CLIENT)));
        assertEquals(1, listed(jane.accessToken().value()).size());
    }

    private List<ActiveSession> listed(String accessToken) {
        return assertInstanceOf(ShowAccountResult.Shown.class, list.showAccount(new ShowAccountQuery(accessToken))).sessions();
    }

    private EndSessionResult end(LogInResult.LoggedIn caller, String sessionId) {
        return end.endSession(new EndSessionCommand(caller.accessToken().value(), sessionId, CLIENT));
    }

    private LogInResult.LoggedIn logIn(String name) {
        return assertInstanceOf(LogInResult.LoggedIn.class,
                logIn.logIn(new LogInCommand(name, new PlainPassword(PASSWORD), Set.of(), CLIENT, Optional.empty())));
    }
}
