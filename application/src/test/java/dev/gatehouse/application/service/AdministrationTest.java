package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult.Refusal;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.SearchUsersQuery;
import dev.gatehouse.application.port.in.UserListing;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryKnownDevices;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The administrative use cases on the in-memory adapters: who may act, what each does, and what is recorded. */
class AdministrationTest {

    private static final ClientAddress OFFICE = new ClientAddress("192.0.2.20");
    private static final String PASSWORD = "correct horse";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryRefreshTokens sessions = new InMemoryRefreshTokens();
    private final InMemoryRevokedAccessTokens revokedAccessTokens = new InMemoryRevokedAccessTokens();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final RecordingAuditLog audit = new RecordingAuditLog();

    private final LogInService logIn = new LogInService(users, hasher, PasswordDirectory.none(), tokens, sessions, throttle, new InMemoryKnownDevices(),
            audit, LoginProtection.DEFAULT, ScopePolicy.DEFAULT, new InMemoryClientRegistry(), clock);
    private final RefreshTokenService refresh = new RefreshTokenService(sessions, tokens, revokedAccessTokens, users, throttle, audit, RefreshPolicy.DEFAULT,
            new InMemoryClientRegistry(), clock);
    private final CurrentUserService currentUser = new CurrentUserService(tokens, revokedAccessTokens, users);
    private final AdminGate gate = new AdminGate(tokens, revokedAccessTokens, users, audit, clock);
    private final SearchUsersService search = new SearchUsersService(gate, users);
    private final ShowUserService show = new ShowUserService(gate);
    private final SetUserEnabledService setEnabled = new SetUserEnabledService(gate, users, sessions, throttle, clock);
    private final UnlockUserService unlock = new UnlockUserService(gate, throttle);
    private final ChangeUserRoleService changeRole = new ChangeUserRoleService(gate, users, sessions, ScopePolicy.DEFAULT, clock);
    private final EndUserSessionsService endSessions = new EndUserSessionsService(gate, users, sessions, clock);

    private Actor root;

    @BeforeEach
    void registerAnAdministratorAndJane() {
        users.add(User.register(new Username("root"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant())
                .withRole(Role.ADMIN));
        users.add(User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
        root = Actor.bearer(logIn("root", "admin").accessToken().value());
        audit.clear();
    }

    @Test
    void an_admin_token_a_console_and_nobody_else_may_act() {
        assertInstanceOf(AdminResult.Done.class, show.show(on("jane", root)));
        assertInstanceOf(AdminResult.Done.class, show.show(on("jane", Actor.console())));

        Actor janeWithoutTheScope = Actor.bearer(logIn("jane", "admin me").accessToken().value());
        assertEquals(new AdminResult.Refused<>(Refusal.INSUFFICIENT_SCOPE), show.show(on("root", janeWithoutTheScope)));
        Actor rootWithoutAskingForIt = Actor.bearer(logIn("root", "me").accessToken().value());
        assertEquals(new AdminResult.Refused<>(Refusal.INSUFFICIENT_SCOPE), show.show(on("jane", rootWithoutAskingForIt)));
        assertEquals(new AdminResult.Refused<>(Refusal.INVALID_TOKEN), show.show(on("jane", Actor.bearer("forged"))));
    }

    @Test
    void an_administrator_cannot_disable_or_demote_themselves() {
        assertInstanceOf(AdminResult.Done.class, changeRole.changeRole(on("jane", Actor.console()), Role.ADMIN, true));

        assertEquals(new AdminResult.Refused<>(Refusal.OWN_ACCOUNT), setEnabled.setEnabled(on("root", root), false));
        assertEquals(new AdminResult.Refused<>(Refusal.OWN_ACCOUNT), changeRole.changeRole(on("root", root), Role.ADMIN, false));
        assertInstanceOf(AdminResult.Done.class, show.show(on("jane", root)), "root is still an administrator");
    }

    /** Root and Jane, both administrators, disable each other at the same moment: one of them must stay. */
    @Test
    void two_administrators_disabling_each_other_at_once_leave_one() throws Exception {
        assertInstanceOf(AdminResult.Done.class, changeRole.changeRole(on("jane", Actor.console()), Role.ADMIN, true));
        Actor jane = Actor.bearer(logIn("jane", "admin").accessToken().value());
        java.util.concurrent.CyclicBarrier bothAdmitted = new java.util.concurrent.CyclicBarrier(2);
        BarrierBeforeGuardedChanges racingUsers = new BarrierBeforeGuardedChanges(users, bothAdmitted);
        SetUserEnabledService racing = new SetUserEnabledService(new AdminGate(tokens, revokedAccessTokens, racingUsers, audit, clock),
                racingUsers, sessions, throttle, clock);

        java.util.concurrent.ExecutorService twoAdministrators = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<AdminResult<User>> outcomes;
        try {
            var byRoot = twoAdministrators.submit(() -> racing.setEnabled(on("jane", root), false));
            var byJane = twoAdministrators.submit(() -> racing.setEnabled(on("root", jane), false));
            outcomes = List.of(byRoot.get(), byJane.get());
        } finally {
            twoAdministrators.shutdownNow();
        }
        assertEquals(1, outcomes.stream().filter(AdminResult.Done.class::isInstance).count(), outcomes.toString());
        assertTrue(outcomes.contains(new AdminResult.Refused<>(Refusal.LAST_ADMINISTRATOR)), outcomes.toString());
        assertEquals(1, List.of("root", "jane").stream().map(name -> users.findByUsername(new Username(name)).orElseThrow())
                .filter(User::isActive).count(), "one administrator is left");
    }

    @Test
    void the_console_may_disable_the_last_administrator_as_its_operator_can_always_make_another() {
        assertInstanceOf(AdminResult.Done.class, setEnabled.setEnabled(on("root", Actor.console()), false));
    }

    /** The in-memory users, but a guarded change waits until both racing administrators have reached it. */
    private static final class BarrierBeforeGuardedChanges implements dev.gatehouse.application.port.out.UserRepository {

        private final InMemoryUserRepository users;
        private final java.util.concurrent.CyclicBarrier barrier;

        BarrierBeforeGuardedChanges(InMemoryUserRepository users, java.util.concurrent.CyclicBarrier barrier) {
            this.users = users;
            this.barrier = barrier;
        }

        @Override
        public dev.gatehouse.application.port.out.GuardedChange changeKeepingAnActiveHolder(Role role, dev.gatehouse.domain.UserId id,
                java.util.function.UnaryOperator<User> change) {
            try {
                barrier.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return users.changeKeepingAnActiveHolder(role, id, change);
        }

        @Override
        public dev.gatehouse.application.port.out.AddUserOutcome add(User user) {
            return users.add(user);
        }

        @Override
        public Optional<User> findByUsername(Username username) {
            return users.findByUsername(username);
        }

        @Override
        public Optional<User> findById(dev.gatehouse.domain.UserId id) {
            return users.findById(id);
        }

        @Override
        public Optional<User> change(dev.gatehouse.domain.UserId id, java.util.function.UnaryOperator<User> change) {
            return users.change(id, change);
        }

        @Override
        public boolean replacePasswordHash(dev.gatehouse.domain.UserId id, dev.gatehouse.domain.PasswordHash current,
                                           dev.gatehouse.domain.PasswordHash replacement) {
            return users.replacePasswordHash(id, current, replacement);
        }

        @Override
        public dev.gatehouse.application.port.out.UserPage search(dev.gatehouse.application.port.out.UserSearch search) {
            return users.search(search);
        }
    }

    @Test
    void a_disabled_or_demoted_administrator_s_token_stops_working_at_once() {
        assertInstanceOf(AdminResult.Done.class, changeRole.changeRole(on("jane", Actor.console()), Role.ADMIN, true));
        Actor other = Actor.bearer(logIn("root", "admin").accessToken().value());
        assertInstanceOf(AdminResult.Done.class, changeRole.changeRole(on("root", Actor.console()), Role.ADMIN, false));
        assertEquals(new AdminResult.Refused<>(Refusal.INVALID_TOKEN), show.show(on("jane", other)));

        assertInstanceOf(AdminResult.Done.class, changeRole.changeRole(on("root", Actor.console()), Role.ADMIN, true));
        Actor again = Actor.bearer(logIn("root", "admin").accessToken().value());
        assertInstanceOf(AdminResult.Done.class, setEnabled.setEnabled(on("root", Actor.console()), false));
        assertEquals(new AdminResult.Refused<>(Refusal.INACTIVE_ADMIN), show.show(on("jane", again)));
    }

    @Test
    void an_unknown_username_is_refused_as_such() {
        assertEquals(new AdminResult.Refused<>(Refusal.NO_SUCH_USER), show.show(on("nobody", root)));
        assertEquals(new AdminResult.Refused<>(Refusal.NO_SUCH_USER), setEnabled.setEnabled(on("nobody", root), false));
        assertEquals(List.of(), audit.events());
    }

    @Test
    void disabling_ends_every_session_and_enabling_does_not_revive_them() {
        LogInResult.LoggedIn jane = logIn("jane", "");

        User disabled = done(setEnabled.setEnabled(on("jane", root), false));

        assertTrue(disabled.isDisabled());
        assertInstanceOf(CurrentUserResult.InactiveUser.class, currentUser.currentUser(new CurrentUserQuery(jane.accessToken().value())));
        assertOneEvent(AuditEvent.Type.USER_DISABLED);

        User enabled = done(setEnabled.setEnabled(on("jane", root), true));
        assertTrue(enabled.isActive());
        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(new CurrentUserQuery(jane.accessToken().value())));
        assertFalse(refresh.refresh(new dev.gatehouse.application.port.in.RefreshCommand(jane.refreshToken(), Optional.empty(), OFFICE))
                instanceof dev.gatehouse.application.port.in.RefreshResult.Refreshed);
        assertEquals(AuditEvent.Type.USER_ENABLED, audit.events().getLast().type());
        assertEquals("root", audit.events().getLast().actor());
    }

    @Test
    void asking_for_the_state_an_account_is_in_changes_and_records_nothing() {
        User jane = users.findByUsername(new Username("jane")).orElseThrow();

        assertEquals(jane, done(setEnabled.setEnabled(on("jane", root), true)));
        assertEquals(jane, done(changeRole.changeRole(on("jane", root), Role.ADMIN, false)));
        assertEquals(List.of(), audit.events());
    }

    @Test
    void unlocking_clears_the_account_backoff_only() {
        ThrottleKey account = ThrottleKey.account(new Username("jane"));
        ThrottleKey client = ThrottleKey.client(OFFICE);
        throttle.change(account, attempts -> LoginProtection.DEFAULT.accounts().afterFailure(attempts, clock.instant()));
        throttle.change(client, attempts -> LoginProtection.DEFAULT.accounts().afterFailure(attempts, clock.instant()));

        done(unlock.unlock(on("jane", root)));

        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(account));
        assertEquals(1, throttle.attemptsOf(client).count());
        assertOneEvent(AuditEvent.Type.ACCOUNT_UNLOCKED);
    }

    @Test
    void enabling_an_account_lets_its_owner_log_in_at_once_despite_the_failures_while_it_was_disabled() {
        done(setEnabled.setEnabled(on("jane", root), false));
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(loginCommand("jane", "admin")));
        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(loginCommand("jane", "admin")));

        done(setEnabled.setEnabled(on("jane", root), true));

        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(loginCommand("jane", "admin")));
    }

    @Test
    void a_role_change_grants_its_scopes_from_the_next_login_and_ends_the_sessions_before_it() {
        LogInResult.LoggedIn before = logIn("jane", "admin");
        assertEquals(Set.of(), before.accessToken().scopes());

        User promoted = done(changeRole.changeRole(on("jane", root), Role.ADMIN, true));

        assertEquals(Set.of(Role.ADMIN), promoted.roles());
        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(new CurrentUserQuery(before.accessToken().value())));
        assertEquals(Set.of(ScopePolicy.ADMIN), logIn("jane", "admin").accessToken().scopes());
        assertOneEvent(AuditEvent.Type.ROLE_ASSIGNED);

        done(changeRole.changeRole(on("jane", root), Role.ADMIN, false));
        assertEquals(AuditEvent.Type.ROLE_REMOVED, audit.events().getLast().type());
        assertEquals(Set.of(), logIn("jane", "admin").accessToken().scopes());
    }

    @Test
    void only_roles_the_policy_knows_can_be_assigned_but_any_can_be_removed() {
        assertEquals(new AdminResult.Refused<>(Refusal.UNKNOWN_ROLE), changeRole.changeRole(on("jane", root), new Role("ghost"), true));
        users.change(users.findByUsername(new Username("jane")).orElseThrow().id(), stored -> stored.withRole(new Role("ghost")));

        assertEquals(Set.of(), done(changeRole.changeRole(on("jane", root), new Role("ghost"), false)).roles());
    }

    @Test
    void ending_sessions_refuses_every_token_and_refresh_token_at_once() {
        LogInResult.LoggedIn jane = logIn("jane", "");

        done(endSessions.endSessions(on("jane", root)));

        assertInstanceOf(CurrentUserResult.InvalidToken.class, currentUser.currentUser(new CurrentUserQuery(jane.accessToken().value())));
        assertFalse(refresh.refresh(new dev.gatehouse.application.port.in.RefreshCommand(jane.refreshToken(), Optional.empty(), OFFICE))
                instanceof dev.gatehouse.application.port.in.RefreshResult.Refreshed);
        assertOneEvent(AuditEvent.Type.SESSIONS_REVOKED);
    }

    @Test
    void lists_users_by_page_for_administrators_only() {
        UserListing all = assertInstanceOf(AdminResult.Done.class, search.search(new SearchUsersQuery(root, "", 0, 1))).value() instanceof UserListing listing
                ? listing : null;
        assertEquals(2, all.total());
        assertEquals(List.of("jane"), all.users().stream().map(user -> user.username().value()).toList());
        assertEquals(0, all.page());
        assertEquals(1, all.size());

        assertEquals(new AdminResult.Refused<>(Refusal.INVALID_TOKEN), search.search(new SearchUsersQuery(Actor.bearer("x"), "", 0, 10)));
        assertThrows(IllegalArgumentException.class, () -> search.search(new SearchUsersQuery(root, "", -1, 10)));
        assertThrows(IllegalArgumentException.class, () -> search.search(new SearchUsersQuery(root, "", 0, 101)));
    }

    @Test
    void every_change_names_the_administrator_who_made_it() {
        done(endSessions.endSessions(on("jane", root)));
        done(endSessions.endSessions(on("jane", Actor.console())));

        assertEquals(List.of("root", AuditEvent.CONSOLE), audit.events().stream().map(AuditEvent::actor).toList());
        assertEquals(List.of("jane", "jane"), audit.events().stream().map(AuditEvent::subject).toList());
        assertEquals(OFFICE, audit.events().getFirst().client());
    }

    private LogInResult.LoggedIn logIn(String username, String scopes) {
        return assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(loginCommand(username, scopes)));
    }

    private static LogInCommand loginCommand(String username, String scopes) {
        return new LogInCommand(username, new PlainPassword(PASSWORD), Scope.parseList(scopes), OFFICE, Optional.empty());
    }

    private static AccountAction on(String username, Actor actor) {
        return new AccountAction(actor, new Username(username), OFFICE);
    }

    private static User done(AdminResult<User> result) {
        return assertInstanceOf(AdminResult.Done.class, result).value() instanceof User user ? user : null;
    }

    /** Exactly one event made by someone other than its subject: this one, by root. */
    private void assertOneEvent(AuditEvent.Type type) {
        List<AuditEvent> administrative = audit.events().stream().filter(AuditEvent::hasActor).toList();
        assertEquals(List.of(type), administrative.stream().map(AuditEvent::type).toList());
        assertEquals("root", administrative.getFirst().actor());
    }
}
