package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.IntrospectCommand;
import dev.gatehouse.application.port.in.IntrospectResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.out.PasswordDirectory;
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
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token introspection (RFC 7662) on the in-memory adapters: who may ask, and when a token is active. */
class IntrospectTokenServiceTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.20");
    private static final String PASSWORD = "correct horse";
    private static final String ORDERS_SECRET = "orders-api-secret-of-at-least-32-bytes";
    private static final String REPORTING_SECRET = "reporting-secret-of-at-least-32-bytes!";
    private static final ClientCredentials ORDERS_API = ClientCredentials.confidential("orders-api", ORDERS_SECRET);

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryRevokedAccessTokens revokedAccessTokens = new InMemoryRevokedAccessTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    /** The resource servers; the tokens below are issued to no client (the log-in has a registry of its own, empty). */
    private final InMemoryClientRegistry resourceServers = new InMemoryClientRegistry(
            Client.confidential(new ClientId("orders-api"), ClientSecretHash.of(ORDERS_SECRET), false).allowedToIntrospect(),
            Client.confidential(new ClientId("reporting"), ClientSecretHash.of(REPORTING_SECRET), false),
            Client.publicClient(new ClientId("web-app"), true));

    private final LogInService logIn = new LogInService(users, hasher, PasswordDirectory.none(), accessTokens, refreshTokens,
            new InMemoryLoginThrottle(), new InMemoryKnownDevices(), audit, LoginProtection.DEFAULT, ScopePolicy.DEFAULT,
            new InMemoryClientRegistry(), clock);
    private final RefreshTokenService refresh = new RefreshTokenService(refreshTokens, accessTokens, revokedAccessTokens, users,
            new InMemoryLoginThrottle(), audit, RefreshPolicy.DEFAULT, new InMemoryClientRegistry(), clock);
    private final RevokeTokenService revoke = new RevokeTokenService(refreshTokens, accessTokens, revokedAccessTokens, users,
            audit, new InMemoryClientRegistry(), clock);
    private final IntrospectTokenService introspection = introspection(resourceServers);

    private IntrospectTokenService introspection(InMemoryClientRegistry clients) {
        return new IntrospectTokenService(new BearerAuthentication(accessTokens, revokedAccessTokens, users), refreshTokens,
                users, RefreshPolicy.DEFAULT, clients, audit, clock);
    }

    @BeforeEach
    void registerJane() {
        users.add(User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
    }

    @Test
    void a_fresh_access_token_is_active_with_its_claims() {
        LogInResult.LoggedIn login = logInJane();

        IntrospectResult.Active active = assertInstanceOf(IntrospectResult.Active.class, ask(login.accessToken().value()));

        assertEquals(IntrospectResult.TokenType.ACCESS_TOKEN, active.type());
        assertEquals(new Username("jane"), active.username());
        assertEquals(accessTokens.verify(login.accessToken().value()).orElseThrow().tokenId(), active.tokenId().orElseThrow());
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), active.expiresAt().orElseThrow());
        assertEquals(Optional.empty(), active.clientId());
        assertTrue(audit.types().stream().noneMatch(type -> type == AuditEvent.Type.UNAUTHORIZED_CLIENT),
                "an answer about a token is no audit event");
    }

    @Test
    void an_access_token_revoked_by_its_id_is_inactive() {
        LogInResult.LoggedIn login = logInJane();
        var claims = accessTokens.verify(login.accessToken().value()).orElseThrow();

        revokedAccessTokens.revoke(claims.tokenId(), claims.expiresAt());

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.accessToken().value()));
    }

    @Test
    void an_access_token_whose_session_ended_is_inactive() {
        LogInResult.LoggedIn login = logInJane();

        revoke.revoke(new RevokeCommand(login.refreshToken(), Optional.empty(), FROM));

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.accessToken().value()));
        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.refreshToken()));
    }

    @Test
    void tokens_of_a_disabled_user_are_inactive() {
        LogInResult.LoggedIn login = logInJane();

        users.change(jane(), User::disable);

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.accessToken().value()));
        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.refreshToken()));
    }

    @Test
    void tokens_from_before_the_security_version_moved_are_inactive() {
        LogInResult.LoggedIn login = logInJane();

        users.change(jane(), User::endAllSessions);

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.accessToken().value()));
        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.refreshToken()));
    }

    @Test
    void an_expired_access_token_is_inactive() {
        LogInResult.LoggedIn login = logInJane();

        clock.advance(Duration.ofMinutes(16));

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.accessToken().value()));
    }

    @Test
    void a_forged_or_unknown_token_is_inactive_whatever_the_hint() {
        String token = logInJane().accessToken().value();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        for (String presented : List.of(tampered, "not-a-token", "", "x".repeat(5000))) {
            for (Optional<String> hint : List.of(Optional.<String>empty(), Optional.of("access_token"), Optional.of("refresh_token"))) {
                assertEquals(new IntrospectResult.Inactive(), introspection.introspect(
                        new IntrospectCommand(presented, hint, FROM, Optional.of(ORDERS_API))));
            }
        }
    }

    @Test
    void a_current_refresh_token_is_active_and_introspecting_it_does_not_use_it() {
        LogInResult.LoggedIn login = logInJane();

        IntrospectResult.Active active = assertInstanceOf(IntrospectResult.Active.class,
                introspection.introspect(new IntrospectCommand(login.refreshToken(), Optional.of("refresh_token"), FROM,
                        Optional.of(ORDERS_API))));

        assertEquals(IntrospectResult.TokenType.REFRESH_TOKEN, active.type());
        assertEquals(new Username("jane"), active.username());
        assertEquals(Optional.empty(), active.tokenId());
        assertEquals(clock.instant().plus(RefreshPolicy.DEFAULT.idleTimeout()), active.expiresAt().orElseThrow());
        assertInstanceOf(RefreshResult.Refreshed.class, refresh.refresh(new RefreshCommand(login.refreshToken(), Optional.empty(), FROM)),
                "the token still works for its holder");
    }

    @Test
    void a_rotated_refresh_token_is_inactive_and_its_session_goes_on() {
        LogInResult.LoggedIn login = logInJane();
        RefreshResult.Refreshed next = assertInstanceOf(RefreshResult.Refreshed.class,
                refresh.refresh(new RefreshCommand(login.refreshToken(), Optional.empty(), FROM)));
        clock.advance(Duration.ofMinutes(1));

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.refreshToken()));

        assertInstanceOf(IntrospectResult.Active.class, ask(next.refreshToken()), "introspection is no replay: the session lives");
        assertInstanceOf(IntrospectResult.Active.class, ask(next.accessToken().value()));
    }

    @Test
    void a_refresh_token_past_its_idle_timeout_is_inactive() {
        LogInResult.LoggedIn login = logInJane();

        clock.advance(RefreshPolicy.DEFAULT.idleTimeout());

        assertInstanceOf(IntrospectResult.Inactive.class, ask(login.refreshToken()));
    }

    @Test
    void a_client_with_a_wrong_secret_or_none_is_refused_before_the_token_is_looked_at() {
        String token = logInJane().accessToken().value();

        for (Optional<ClientCredentials> caller : List.of(Optional.<ClientCredentials>empty(),
                Optional.of(ClientCredentials.confidential("orders-api", "wrong-secret")),
                Optional.of(ClientCredentials.publicClient("orders-api")),
                Optional.of(ClientCredentials.confidential("nobody", ORDERS_SECRET)))) {
            assertEquals(new IntrospectResult.InvalidClient(),
                    introspection.introspect(new IntrospectCommand(token, Optional.empty(), FROM, caller)), caller.toString());
        }
        assertEquals(4, audit.types().stream().filter(AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED::equals).count());
    }

    @Test
    void an_authenticated_client_not_allowed_to_introspect_is_refused_and_audited() {
        String token = logInJane().accessToken().value();

        assertEquals(new IntrospectResult.InvalidClient(), introspection.introspect(new IntrospectCommand(token, Optional.empty(),
                FROM, Optional.of(ClientCredentials.confidential("reporting", REPORTING_SECRET)))));
        assertEquals(new IntrospectResult.InvalidClient(), introspection.introspect(new IntrospectCommand(token, Optional.empty(),
                FROM, Optional.of(ClientCredentials.publicClient("web-app")))), "a public client cannot be a resource server");
        assertEquals(2, audit.types().stream().filter(AuditEvent.Type.UNAUTHORIZED_CLIENT::equals).count());
    }

    @Test
    void with_no_client_registered_introspection_is_closed() {
        String token = logInJane().accessToken().value();

        assertEquals(new IntrospectResult.InvalidClient(), introspection(new InMemoryClientRegistry())
                .introspect(new IntrospectCommand(token, Optional.empty(), FROM, Optional.of(ORDERS_API))));
    }

    @Test
    void after_a_revocation_returns_no_introspection_says_active() throws Exception {
        for (int round = 0; round < 20; round++) {
            LogInResult.LoggedIn login = logInJane();
            String token = login.accessToken().value();
            assertInstanceOf(IntrospectResult.Active.class, ask(token));
            AtomicBoolean revoked = new AtomicBoolean();
            AtomicInteger activeAfterRevocation = new AtomicInteger();
            AtomicInteger asked = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(8);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> askers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    askers.add(threads.submit(() -> {
                        started.countDown();
                        while (asked.get() < 4000) {
                            // Read before asking: an answer counts against revocation only if the revocation had returned.
                            boolean revokedBefore = revoked.get();
                            IntrospectResult result = ask(token);
                            asked.incrementAndGet();
                            if (revokedBefore && result instanceof IntrospectResult.Active) {
                                activeAfterRevocation.incrementAndGet();
                            }
                        }
                    }));
                }
                started.await();
                Thread.sleep(1);
                revoke.revoke(new RevokeCommand(token, Optional.of("access_token"), FROM));
                revoked.set(true);
                for (Future<?> asker : askers) {
                    asker.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(0, activeAfterRevocation.get(), "round " + round);
            assertFalse(ask(token) instanceof IntrospectResult.Active);
        }
    }

    private IntrospectResult ask(String token) {
        return introspection.introspect(new IntrospectCommand(token, Optional.empty(), FROM, Optional.of(ORDERS_API)));
    }

    private LogInResult.LoggedIn logInJane() {
        return assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(new LogInCommand("jane", new PlainPassword(PASSWORD),
                Set.<Scope>of(), FROM, Optional.empty())));
    }

    private UserId jane() {
        return users.findByUsername(new Username("jane")).orElseThrow().id();
    }
}
