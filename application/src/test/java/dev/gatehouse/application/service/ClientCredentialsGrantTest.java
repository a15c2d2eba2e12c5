package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.ClientCredentialsGrantCommand;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.IntrospectCommand;
import dev.gatehouse.application.port.in.IntrospectResult;
import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAssertionReplays;
import dev.gatehouse.application.testing.InMemoryClientAssertions;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The client credentials grant and {@code private_key_jwt}, through the one assembly over in-memory ports. */
class ClientCredentialsGrantTest {

    private static final String SECRET = "reporting-secret-of-at-least-32-bytes";
    private static final String AUDIENCE = "https://auth.example.com/token";
    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final Scope READ = new Scope("reports:read");
    private static final Scope WRITE = new Scope("reports:write");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry(
            Client.publicClient(new ClientId("web-app"), true),
            Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false)
                    .withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).withScopes(Set.of(READ, WRITE)),
            Client.confidential(new ClientId("plain"), ClientSecretHash.of(SECRET), false),
            Client.confidential(new ClientId("batch"), InMemoryClientAssertions.keys("batch-key"), false)
                    .withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).withScopes(Set.of(READ)).allowedToIntrospect());
    private final UseCases useCases = useCases(clients);

    @Test
    void a_confidential_client_registered_for_it_gets_a_token_about_itself_with_its_scopes_and_no_refresh_token() {
        ClientCredentialsGrantResult result = grant(Optional.empty(), ClientCredentials.confidential("reporting", SECRET));

        var issued = assertInstanceOf(ClientCredentialsGrantResult.Issued.class, result);
        assertEquals(Set.of(READ, WRITE), issued.accessToken().scopes());
        assertEquals(List.of(AuditEvent.Type.CLIENT_TOKEN_ISSUED), audit.types());
        // The record has no refresh token to hand out: the grant gives none (RFC 6749 section 4.4.3).
        assertEquals(1, ClientCredentialsGrantResult.Issued.class.getRecordComponents().length);
    }

    @Test
    void asks_for_fewer_scopes_but_never_for_one_it_is_not_registered_for() {
        var narrow = assertInstanceOf(ClientCredentialsGrantResult.Issued.class,
                grant(Optional.of(Set.of(READ)), ClientCredentials.confidential("reporting", SECRET)));
        assertEquals(Set.of(READ), narrow.accessToken().scopes());

        var refused = assertInstanceOf(ClientCredentialsGrantResult.InvalidScope.class,
                grant(Optional.of(Set.of(READ, new Scope("admin"))), ClientCredentials.confidential("reporting", SECRET)));
        assertEquals(Set.of(new Scope("admin")), refused.refused());
    }

    @Test
    void refuses_a_client_not_registered_for_the_grant_a_public_client_and_a_wrong_secret() {
        assertInstanceOf(ClientCredentialsGrantResult.UnauthorizedClient.class,
                grant(Optional.empty(), ClientCredentials.confidential("plain", SECRET)));
        assertInstanceOf(ClientCredentialsGrantResult.UnauthorizedClient.class,
                grant(Optional.empty(), ClientCredentials.publicClient("web-app")));
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class,
                grant(Optional.empty(), ClientCredentials.confidential("reporting", SECRET + "x")));
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class, useCases.clientCredentialsGrant()
                .issue(new ClientCredentialsGrantCommand(Optional.empty(), FROM, Optional.empty())));
        assertEquals(List.of(AuditEvent.Type.UNAUTHORIZED_CLIENT, AuditEvent.Type.UNAUTHORIZED_CLIENT,
                AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED, AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED), audit.types());
    }

    @Test
    void with_no_client_registered_there_is_no_client_to_issue_for() {
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class, useCases(new InMemoryClientRegistry()).clientCredentialsGrant()
                .issue(new ClientCredentialsGrantCommand(Optional.empty(), FROM,
                        Optional.of(ClientCredentials.confidential("reporting", SECRET)))));
    }

    @Test
    void a_client_token_serves_no_user_but_introspects_as_the_clients_until_its_client_revokes_it() {
        String token = issuedToReporting();

        assertInstanceOf(CurrentUserResult.InvalidToken.class, useCases.currentUser().currentUser(new CurrentUserQuery(token)));
        var active = assertInstanceOf(IntrospectResult.ActiveClient.class, introspect(token));
        assertEquals(new ClientId("reporting"), active.client());
        assertEquals(Set.of(READ, WRITE), active.scopes());

        // Another client cannot revoke it; its own can.
        useCases.revokeToken().revoke(new RevokeCommand(token, Optional.empty(), FROM,
                Optional.of(ClientCredentials.confidential("plain", SECRET))));
        assertInstanceOf(IntrospectResult.ActiveClient.class, introspect(token));
        useCases.revokeToken().revoke(new RevokeCommand(token, Optional.empty(), FROM,
                Optional.of(ClientCredentials.confidential("reporting", SECRET))));
        assertInstanceOf(IntrospectResult.Inactive.class, introspect(token));
    }

    @Test
    void a_client_authenticates_with_an_assertion_signed_by_its_registered_key_once() {
        String assertion = assertion("batch", "batch-key", "jti-1");

        var issued = assertInstanceOf(ClientCredentialsGrantResult.Issued.class,
                grant(Optional.empty(), ClientCredentials.assertion("", assertion)));
        assertEquals(Set.of(READ), issued.accessToken().scopes());
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class,
                grant(Optional.empty(), ClientCredentials.assertion("", assertion)));
        assertInstanceOf(ClientCredentialsGrantResult.Issued.class,
                grant(Optional.empty(), ClientCredentials.assertion("batch", assertion("batch", "batch-key", "jti-2"))));
    }

    @Test
    void refuses_an_assertion_with_another_key_for_another_client_id_or_for_a_client_without_keys() {
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class,
                grant(Optional.empty(), ClientCredentials.assertion("", assertion("batch", "stolen-key", "a"))));
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class,
                grant(Optional.empty(), ClientCredentials.assertion("reporting", assertion("batch", "batch-key", "b"))));
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class,
                grant(Optional.empty(), ClientCredentials.assertion("", assertion("reporting", "batch-key", "c"))));
        assertTrue(audit.types().stream().allMatch(AuditEvent.Type.CLIENT_AUTHENTICATION_FAILED::equals), audit.types()::toString);
    }

    @Test
    void the_same_assertion_serves_introspection_as_it_serves_the_token_endpoint() {
        String token = issuedToReporting();

        assertInstanceOf(IntrospectResult.ActiveClient.class, useCases.introspectToken().introspect(new IntrospectCommand(token,
                Optional.empty(), FROM, Optional.of(ClientCredentials.assertion("batch", assertion("batch", "batch-key", "i"))))));
        assertInstanceOf(IntrospectResult.InvalidClient.class, useCases.introspectToken().introspect(new IntrospectCommand(token,
                Optional.empty(), FROM, Optional.of(ClientCredentials.assertion("batch", assertion("batch", "batch-key", "i"))))));
    }

    @Test
    void of_many_parallel_presentations_of_one_assertion_exactly_one_gets_a_token() throws Exception {
        int threads = 24;
        String assertion = assertion("batch", "batch-key", "raced");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ClientCredentialsGrantResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return grant(Optional.empty(), ClientCredentials.assertion("", assertion));
                }));
            }
            start.countDown();
            int issued = 0;
            for (Future<ClientCredentialsGrantResult> result : results) {
                issued += result.get() instanceof ClientCredentialsGrantResult.Issued ? 1 : 0;
            }
            assertEquals(1, issued);
        } finally {
            pool.shutdownNow();
        }
    }

    private String issuedToReporting() {
        return assertInstanceOf(ClientCredentialsGrantResult.Issued.class,
                grant(Optional.empty(), ClientCredentials.confidential("reporting", SECRET))).accessToken().value();
    }

    private IntrospectResult introspect(String token) {
        return useCases.introspectToken().introspect(new IntrospectCommand(token, Optional.empty(), FROM,
                Optional.of(ClientCredentials.assertion("batch", assertion("batch", "batch-key", java.util.UUID.randomUUID().toString())))));
    }

    private String assertion(String client, String key, String jti) {
        return InMemoryClientAssertions.assertion(client, client, AUDIENCE, clock.instant().plusSeconds(60), jti, key);
    }

    private ClientCredentialsGrantResult grant(Optional<Set<Scope>> scopes, ClientCredentials credentials) {
        return useCases.clientCredentialsGrant().issue(new ClientCredentialsGrantCommand(scopes, FROM, Optional.of(credentials)));
    }

    private UseCases useCases(InMemoryClientRegistry registry) {
        InMemoryUserRepository users = new InMemoryUserRepository();
        FastPasswordHasher hasher = new FastPasswordHasher();
        return new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(PasswordDirectory.none())
                .auditLog(audit)
                .clients(registry)
                .clientAssertions(new InMemoryClientAssertions(clock, AUDIENCE), new InMemoryAssertionReplays())
                .build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                        new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)),
                        Optional.empty()));
    }
}
