package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogOutCommand;
import dev.gatehouse.application.port.in.LogOutResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryKnownDevices;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryPasswordDirectory;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MinimumLengthPasswordPolicy;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions across the use cases that start, renew and end them, on the in-memory adapters. */
class SessionsTest {

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

    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final InMemoryKnownDevices devices = new InMemoryKnownDevices();
    private final InMemoryPasswordDirectory directory = new InMemoryPasswordDirectory();
    private final LogInService logIn = new LogInService(users, hasher, directory, accessTokens, refreshTokens, throttle,
            devices, audit, new LoginProtection(AccountBackoff.DEFAULT, ClientBudget.DEFAULT),
            ScopePolicy.DEFAULT, new InMemoryClientRegistry(), clock);
    private final RefreshTokenService refresh = new RefreshTokenService(refreshTokens, accessTokens, revokedAccessTokens, users, throttle, audit, policy,
            new InMemoryClientRegistry(), clock);
    private final RevokeTokenService revoke = new RevokeTokenService(refreshTokens, accessTokens, revokedAccessTokens, users, audit,
            new InMemoryClientRegistry(), clock);
    private final LogOutService logOut = new LogOutService(accessTokens, revokedAccessTokens, users, refreshTokens, audit, clock);
    private final ChangePasswordService changePassword = new ChangePasswordService(accessTokens, revokedAccessTokens, users, hasher,
            new MinimumLengthPasswordPolicy(8), refreshTokens, devices, throttle, AccountBackoff.DEFAULT, ScopePolicy.DEFAULT, audit, clock);
    private final CurrentUserService currentUser = new CurrentUserService(accessTokens, revokedAccessTokens, users);

    @BeforeEach
    void registerJane() {
        users.add(User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
    }

    @Test
    void a_refresh_gives_a_working_access_token_and_the_next_refresh_token() {
        LogInResult.LoggedIn login = logInJane();
        clock.advance(Duration.ofMinutes(20));

        RefreshResult.Refreshed refreshed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken()));

        assertNotEquals(login.refreshToken(), refreshed.refreshToken());
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(refreshed.accessToken().value()));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(refreshed.refreshToken()), "the next one works in turn");
        assertTrue(audit.types().contains(AuditEvent.Type.TOKEN_REFRESHED));
    }

    @Test
    void a_used_refresh_token_replayed_after_the_grace_window_revokes_the_whole_session() {
        LogInResult.LoggedIn login = logInJane();
        RefreshResult.Refreshed legitimate = assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken()));
        clock.advance(Duration.ofSeconds(11));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken()));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(legitimate.refreshToken()), "the thief's copy ended the session");
        assertTrue(audit.types().contains(AuditEvent.Type.REFRESH_TOKEN_REUSED));
    }

    @Test
    void a_used_refresh_token_presented_again_within_the_grace_window_is_refused_without_ending_the_session() {
        LogInResult.LoggedIn login = logInJane();
        RefreshResult.Refreshed winner = assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken()));
        clock.advance(Duration.ofSeconds(2));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken()));

        assertInstanceOf(RefreshResult.Refreshed.class, refresh(winner.refreshToken()));
    }

    @Test
    void a_replay_within_the_grace_window_is_audited_though_the_session_is_kept() {
        LogInResult.LoggedIn login = logInJane();
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken()));
        clock.advance(Duration.ofSeconds(2));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken()));

        assertEquals(1, audit.types().stream().filter(type -> type == AuditEvent.Type.REFRESH_TOKEN_RACED).count());
        assertTrue(audit.types().stream().noneMatch(type -> type == AuditEvent.Type.REFRESH_TOKEN_REUSED));
    }

    @Test
    void refuses_unknown_tokens_idle_sessions_and_sessions_past_their_lifetime() {
        assertEquals(new RefreshResult.InvalidGrant(false), refresh("not-a-token"));

        LogInResult.LoggedIn idle = logInJane();
        clock.advance(Duration.ofDays(7));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(idle.refreshToken()));

        String token = logInJane().refreshToken();
        for (int day = 4; day <= 28; day += 4) {
            clock.advance(Duration.ofDays(4));
            token = assertInstanceOf(RefreshResult.Refreshed.class, refresh(token)).refreshToken();
        }
        clock.advance(Duration.ofDays(2));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(token), "30 days after the login, however active");
    }

    @Test
    void a_refresh_may_narrow_the_scopes_but_never_widen_them() {
        String token = logInJane().refreshToken();

        RefreshResult widened = refresh.refresh(new RefreshCommand(token, Optional.of(Set.of(new Scope("admin"))), CLIENT));

        assertEquals(new RefreshResult.InvalidGrant(true), widened);
        assertInstanceOf(RefreshResult.Refreshed.class, refresh.refresh(new RefreshCommand(token, Optional.of(Set.of()), CLIENT)));
    }

    @Test
    void a_disabled_user_cannot_refresh() {
        String token = logInJane().refreshToken();
        users.change(jane().id(), stored -> stored.disable());

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(token));
    }

    @Test
    void revoking_a_refresh_token_ends_its_session_and_no_other() {
        LogInResult.LoggedIn phone = logInJane();
        LogInResult.LoggedIn laptop = logInJane();

        revoke.revoke(new RevokeCommand(phone.refreshToken(), Optional.empty(), CLIENT));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(phone.refreshToken()));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(laptop.refreshToken()));
        assertTrue(audit.types().contains(AuditEvent.Type.SESSION_REVOKED));
    }

    @Test
    void revoking_an_access_token_refuses_it_at_once_and_ends_the_session_it_was_issued_in() {
        LogInResult.LoggedIn login = logInJane();
        LogInResult.LoggedIn other = logInJane();

        revoke.revoke(new RevokeCommand(login.accessToken().value(), Optional.of("access_token"), CLIENT));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(login.accessToken().value()));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(other.accessToken().value()), "only that token");
        assertTrue(revokedAccessTokens.isRevoked(accessTokens.verify(login.accessToken().value()).orElseThrow().tokenId()));
    }

    @Test
    void revoking_a_refresh_token_refuses_every_access_token_of_its_session_and_no_other() {
        LogInResult.LoggedIn phone = logInJane();
        RefreshResult.Refreshed renewed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(phone.refreshToken()));
        LogInResult.LoggedIn laptop = logInJane();

        revoke.revoke(new RevokeCommand(renewed.refreshToken(), Optional.of("refresh_token"), CLIENT));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(phone.accessToken().value()));
        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(renewed.accessToken().value()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(laptop.accessToken().value()), "another session");
    }

    @Test
    void a_replayed_refresh_token_refuses_the_access_tokens_of_the_session_it_ended() {
        LogInResult.LoggedIn login = logInJane();
        RefreshResult.Refreshed thief = assertInstanceOf(RefreshResult.Refreshed.class, refresh(login.refreshToken()));
        clock.advance(Duration.ofSeconds(11));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(login.refreshToken()));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(thief.accessToken().value()),
                "the access token the thief got from the copied refresh token");
        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(login.accessToken().value()));
    }

    @Test
    void logging_out_refuses_every_access_token_of_the_session_not_only_the_one_presented() {
        LogInResult.LoggedIn phone = logInJane();
        RefreshResult.Refreshed renewed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(phone.refreshToken()));

        assertEquals(new LogOutResult.LoggedOut(), logOut.logOut(new LogOutCommand(renewed.accessToken().value(), false, CLIENT)));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(phone.accessToken().value()),
                "an earlier access token of the same session");
    }

    @Test
    void a_revoked_session_stays_refused_as_long_as_its_tokens_could_be_accepted() {
        LogInResult.LoggedIn login = logInJane();
        Instant revokedAt = clock.instant();

        revoke.revoke(new RevokeCommand(login.refreshToken(), Optional.empty(), CLIENT));

        SessionId session = accessTokens.verify(login.accessToken().value()).orElseThrow().session().orElseThrow();
        assertTrue(revokedAccessTokens.isSessionRevoked(session));
        assertEquals(accessTokens.acceptedAtMostUntil(revokedAt), revokedAccessTokens.revokedUntil(session).orElseThrow());
    }

    @Test
    void wrong_current_passwords_back_off_like_failed_logins_and_the_right_one_clears_them() {
        String token = logInJane().accessToken().value();

        assertEquals(new ChangePasswordResult.WrongCurrentPassword(), changePasswordFrom(token, "guess one"));
        ChangePasswordResult throttled = changePasswordFrom(token, PASSWORD);
        assertEquals(new ChangePasswordResult.Throttled(AccountBackoff.DEFAULT.firstDelay()), throttled,
                "even the right password waits, so guessing is no faster than at the login");
        int verificationsBefore = hasher.verifications();
        changePasswordFrom(token, "guess two");
        assertEquals(verificationsBefore, hasher.verifications(), "a throttled attempt spends no hashing");

        clock.advance(AccountBackoff.DEFAULT.firstDelay().plusSeconds(1));
        assertInstanceOf(ChangePasswordResult.Changed.class, changePasswordFrom(token, PASSWORD));
        assertEquals(0, throttle.attemptsOf(dev.gatehouse.application.port.out.ThrottleKey.account(new Username("jane"))).count());
    }

    private ChangePasswordResult changePasswordFrom(String token, String current) {
        return changePassword(token, current, "a brand new passphrase");
    }

    @Test
    void a_revoked_access_token_cannot_log_out_or_change_the_password() {
        LogInResult.LoggedIn login = logInJane();
        revoke.revoke(new RevokeCommand(login.accessToken().value(), Optional.empty(), CLIENT));

        assertEquals(new LogOutResult.InvalidToken(), logOut.logOut(new LogOutCommand(login.accessToken().value(), true, CLIENT)));
        assertInstanceOf(ChangePasswordResult.InvalidToken.class, changePassword.changePassword(new ChangePasswordCommand(
                login.accessToken().value(), new PlainPassword(PASSWORD), new PlainPassword("a new passphrase"), CLIENT)));
    }

    @Test
    void revoking_garbage_does_nothing_and_reveals_nothing() {
        revoke.revoke(new RevokeCommand("garbage", Optional.of("refresh_token"), CLIENT));

        assertTrue(audit.types().stream().noneMatch(type -> type == AuditEvent.Type.SESSION_REVOKED));
    }

    @Test
    void logging_out_ends_this_session_only() {
        LogInResult.LoggedIn phone = logInJane();
        LogInResult.LoggedIn laptop = logInJane();

        assertEquals(new LogOutResult.LoggedOut(), logOut.logOut(new LogOutCommand(phone.accessToken().value(), false, CLIENT)));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(phone.refreshToken()));
        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(phone.accessToken().value()), "the token logged out with");
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(laptop.refreshToken()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(laptop.accessToken().value()));
    }

    @Test
    void logging_out_everywhere_refuses_every_earlier_token_at_once() {
        LogInResult.LoggedIn phone = logInJane();
        LogInResult.LoggedIn laptop = logInJane();

        logOut.logOut(new LogOutCommand(phone.accessToken().value(), true, CLIENT));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(laptop.accessToken().value()));
        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(phone.accessToken().value()));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(laptop.refreshToken()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(logInJane().accessToken().value()), "a new login works");
        assertTrue(audit.types().contains(AuditEvent.Type.LOGGED_OUT_EVERYWHERE));
    }

    @Test
    void logging_out_needs_a_valid_token() {
        assertEquals(new LogOutResult.InvalidToken(), logOut.logOut(new LogOutCommand("forged", false, CLIENT)));
    }

    @Test
    void a_password_change_ends_every_session_and_hands_the_caller_a_new_one() {
        LogInResult.LoggedIn phone = logInJane();
        LogInResult.LoggedIn laptop = logInJane();

        ChangePasswordResult.Changed changed = assertInstanceOf(ChangePasswordResult.Changed.class,
                changePassword(laptop.accessToken().value(), PASSWORD, "a new passphrase"));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(phone.accessToken().value()));
        assertInstanceOf(CurrentUserResult.InvalidToken.class, me(laptop.accessToken().value()));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(phone.refreshToken()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(changed.accessToken().value()));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(changed.refreshToken()));
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(logInCommand(PASSWORD)));
        clock.advance(Duration.ofSeconds(2)); // past the backoff that failure started
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(logInCommand("a new passphrase")));
    }

    @Test
    void the_device_that_changed_the_password_stays_known_while_guessing_blocks_the_account() {
        LogInResult.LoggedIn laptop = logInJane();
        ChangePasswordResult.Changed changed = assertInstanceOf(ChangePasswordResult.Changed.class,
                changePassword(laptop.accessToken().value(), PASSWORD, "a new passphrase"));
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(logInCommand("a guess")));
        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(logInCommand("a new passphrase")));

        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(withDevice(laptop.knownDevice(), "a new passphrase")),
                "the device the password change retired is held to the account's backoff");
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(withDevice(changed.knownDevice(), "a new passphrase")));
    }

    @Test
    void a_password_change_needs_the_current_password_and_a_new_one_the_policy_accepts() {
        String token = logInJane().accessToken().value();

        assertEquals(new ChangePasswordResult.WrongCurrentPassword(), changePassword(token, "wrong guess", "a new passphrase"));
        clock.advance(Duration.ofSeconds(2)); // past the backoff the wrong guess started
        assertInstanceOf(ChangePasswordResult.PasswordRejected.class, changePassword(token, PASSWORD, "short"));
        assertEquals(0, jane().securityVersion(), "nothing changed");
        assertEquals(new ChangePasswordResult.InvalidToken(), changePassword("forged", PASSWORD, "a new passphrase"));
        assertTrue(audit.types().contains(AuditEvent.Type.PASSWORD_CHANGE_REFUSED));
    }

    @Test
    void a_password_change_under_a_hashing_flood_changes_nothing() {
        String token = logInJane().accessToken().value();
        hasher.saturate();

        assertInstanceOf(ChangePasswordResult.Overloaded.class, changePassword(token, PASSWORD, "a new passphrase"));
        assertEquals(0, jane().securityVersion());
    }

    @Test
    void the_owner_changes_the_password_while_guessing_at_the_login_has_the_account_throttled() {
        String token = logInJane().accessToken().value();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(20));
            logIn.logIn(logInCommand("guess-" + i));
        }
        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(logInCommand(PASSWORD)), "the login is under attack");

        assertInstanceOf(ChangePasswordResult.Changed.class, changePassword(token, PASSWORD, "a brand new passphrase"));
    }

    @Test
    void a_password_change_fails_when_the_account_was_disabled_after_the_token_was_checked() {
        String token = logInJane().accessToken().value();
        // The administrator's disable lands while the change is hashing the new password.
        hasher.onNextHash(() -> users.change(jane().id(), User::disable));

        assertInstanceOf(ChangePasswordResult.InactiveUser.class, changePassword(token, PASSWORD, "a brand new passphrase"));

        assertTrue(jane().isDisabled(), "the disable stands");
        assertTrue(hasher.verify(new PlainPassword(PASSWORD), jane().passwordHash()), "the password did not change");
    }

    @Test
    void a_password_change_fails_when_the_sessions_were_ended_after_the_token_was_checked() {
        String token = logInJane().accessToken().value();
        hasher.onNextHash(() -> users.change(jane().id(), User::endAllSessions));

        assertInstanceOf(ChangePasswordResult.InvalidToken.class, changePassword(token, PASSWORD, "a brand new passphrase"));

        assertEquals(1, jane().securityVersion(), "only the administrator's change moved the version on");
    }

    @Test
    void a_demotion_landing_during_a_password_change_fails_the_change_so_no_new_session_keeps_the_old_role() {
        users.change(jane().id(), stored -> stored.withRole(Role.ADMIN));
        String adminToken = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(new LogInCommand("jane", new PlainPassword(PASSWORD),
                Set.of(ScopePolicy.ADMIN, new Scope("me")), CLIENT, Optional.empty()))).accessToken().value();
        // A demotion while the new password is hashed moves the version on: no session with the admin scope may follow.
        hasher.onNextHash(() -> users.change(jane().id(), stored -> stored.withoutRole(Role.ADMIN)));
        assertInstanceOf(ChangePasswordResult.InvalidToken.class, changePassword(adminToken, PASSWORD, "a brand new passphrase"));
    }

    @Test
    void a_session_refreshes_at_most_thirty_times_a_minute_and_keeps_its_refresh_token_meanwhile() {
        String refreshToken = logInJane().refreshToken();
        for (int i = 0; i < 30; i++) {
            refreshToken = assertInstanceOf(RefreshResult.Refreshed.class, refresh(refreshToken)).refreshToken();
        }

        RefreshResult.Throttled throttled = assertInstanceOf(RefreshResult.Throttled.class, refresh(refreshToken));
        assertEquals(Duration.ofMinutes(1), throttled.retryAfter());
        String anotherSession = logInJane().refreshToken();
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(anotherSession), "other sessions are not held back");

        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(refreshToken), "the held-back token still works");
    }

    private LogInResult.LoggedIn logInJane() {
        return assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(logInCommand(PASSWORD)));
    }

    private static LogInCommand logInCommand(String password) {
        return new LogInCommand("jane", new PlainPassword(password), Set.of(), CLIENT, Optional.empty());
    }

    private static LogInCommand withDevice(String knownDevice, String password) {
        return new LogInCommand("jane", new PlainPassword(password), Set.of(), CLIENT, Optional.of(knownDevice));
    }

    private RefreshResult refresh(String token) {
        return refresh.refresh(new RefreshCommand(token, Optional.empty(), CLIENT));
    }

    private CurrentUserResult me(String accessToken) {
        return currentUser.currentUser(new CurrentUserQuery(accessToken));
    }

    @Test
    void a_password_the_directory_keeps_is_neither_changed_nor_checked_here_and_the_session_goes_on() {
        DirectoryEntry entry = new DirectoryEntry("dora");
        directory.add(entry, new PlainPassword(PASSWORD));
        users.add(User.register(new Username("dora"), PasswordHash.inDirectory(entry), null, null, clock.instant()));
        String token = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(new LogInCommand("dora", new PlainPassword(PASSWORD),
                Set.of(), CLIENT, Optional.empty()))).accessToken().value();
        int binds = directory.binds();
        int verifications = hasher.verifications();
        int hashes = hasher.hashes();

        assertEquals(new ChangePasswordResult.PasswordInDirectory(), changePassword(token, PASSWORD, "a brand new passphrase"));
        assertEquals(new ChangePasswordResult.PasswordInDirectory(), changePassword(token, "a wrong guess", "a brand new passphrase"),
                "no oracle for the directory's password");

        assertEquals(binds, directory.binds(), "the directory was not asked");
        assertEquals(verifications, hasher.verifications(), "nor the hasher");
        assertEquals(hashes, hasher.hashes());
        assertEquals(PasswordHash.inDirectory(entry), users.findByUsername(new Username("dora")).orElseThrow().passwordHash());
        assertInstanceOf(CurrentUserResult.Authenticated.class, me(token), "nothing ended");
        assertEquals(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, audit.types().getLast());
    }

    private ChangePasswordResult changePassword(String token, String current, String replacement) {
        return changePassword.changePassword(new ChangePasswordCommand(token, new PlainPassword(current), new PlainPassword(replacement), CLIENT));
    }

    private User jane() {
        return users.findByUsername(new Username("jane")).orElseThrow();
    }
}
