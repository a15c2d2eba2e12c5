package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.ClientCredentialsGrantCommand;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.IntrospectCommand;
import dev.gatehouse.application.port.in.IntrospectResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryAssertionReplays;
import dev.gatehouse.application.testing.InMemoryClientAssertions;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a client's registration limits at the token endpoint, through the one assembly: resource indicators (RFC 8707)
 * at the password, refresh and client credentials grants, and the scopes of the password grant.
 */
class ResourceIndicatorsTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "a-machine-secret-of-at-least-thirty-two-bytes";
    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final Audience ORDERS = new Audience("https://orders.example.com");
    private static final Audience BILLING = new Audience("https://billing.example.com");
    private static final Audience ELSEWHERE = new Audience("https://elsewhere.example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry(
            Client.publicClient(new ClientId("web-app"), true).withAudiences(List.of(ORDERS, BILLING)),
            Client.publicClient(new ClientId("kiosk"), true).withScopes(Set.of(new dev.gatehouse.domain.Scope("items"))),
            Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false)
                    .withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).withAudiences(List.of(ORDERS)).allowedToIntrospect());
    private final UseCases useCases = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
            .passwordDirectory(PasswordDirectory.none())
            .accessTokens(tokens)
            .clients(clients)
            .clientAssertions(new InMemoryClientAssertions(clock, "aud"), new InMemoryAssertionReplays())
            .build(),
            new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                    new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)), Optional.empty()));

    ResourceIndicatorsTest() {
        users.add(User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant()));
    }

    @Test
    void a_login_for_a_resource_the_client_may_address_gets_a_token_for_it_and_introspection_says_so() {
        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(ORDERS)));

        assertEquals(List.of(ORDERS.value()), tokens.verify(loggedIn.accessToken().value()).orElseThrow().audiences());
        var active = assertInstanceOf(IntrospectResult.Active.class, useCases.introspectToken().introspect(new IntrospectCommand(
                loggedIn.accessToken().value(), Optional.empty(), FROM, Optional.of(ClientCredentials.confidential("reporting", SECRET)))));
        assertEquals(List.of(ORDERS.value()), active.audiences());
    }

    @Test
    void refuses_a_resource_the_client_may_not_address_before_looking_at_the_password() {
        assertInstanceOf(LogInResult.InvalidTarget.class, logIn(Optional.of(ELSEWHERE)));
        assertInstanceOf(LogInResult.InvalidTarget.class, useCases.logIn().logIn(new LogInCommand("jane", new PlainPassword("wrong"),
                Set.of(), FROM, Optional.empty(), Optional.of(ClientCredentials.publicClient("web-app")), Optional.of(ELSEWHERE))));
    }

    @Test
    void a_refresh_keeps_the_sessions_resource_may_name_it_again_and_never_widens_to_another() {
        String refreshToken = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.of(ORDERS))).refreshToken();

        RefreshResult.Refreshed same = assertInstanceOf(RefreshResult.Refreshed.class, refresh(refreshToken, Optional.empty()));
        assertEquals(List.of(ORDERS.value()), tokens.verify(same.accessToken().value()).orElseThrow().audiences());
        assertInstanceOf(RefreshResult.InvalidTarget.class, refresh(same.refreshToken(), Optional.of(BILLING)));
        RefreshResult.Refreshed again = assertInstanceOf(RefreshResult.Refreshed.class, refresh(same.refreshToken(), Optional.of(ORDERS)));
        assertEquals(List.of(ORDERS.value()), tokens.verify(again.accessToken().value()).orElseThrow().audiences());
    }

    @Test
    void a_refresh_of_a_session_for_no_resource_may_narrow_to_one_the_client_may_address() {
        String refreshToken = assertInstanceOf(LogInResult.LoggedIn.class, logIn(Optional.empty())).refreshToken();

        assertInstanceOf(RefreshResult.InvalidTarget.class, refresh(refreshToken, Optional.of(ELSEWHERE)));
        RefreshResult.Refreshed narrowed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(refreshToken, Optional.of(BILLING)));
        assertEquals(List.of(BILLING.value()), tokens.verify(narrowed.accessToken().value()).orElseThrow().audiences());
    }

    @Test
    void a_client_token_for_a_resource_it_may_address_and_not_for_another() {
        var issued = assertInstanceOf(ClientCredentialsGrantResult.Issued.class, clientToken(Optional.of(ORDERS)));
        assertEquals(List.of(ORDERS.value()), tokens.verifyClientToken(issued.accessToken().value()).orElseThrow().audiences());
        assertInstanceOf(ClientCredentialsGrantResult.InvalidTarget.class, clientToken(Optional.of(BILLING)));
    }

    @Test
    void a_login_through_a_client_limited_in_scopes_gets_only_those_of_its_registration() {
        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, useCases.logIn().logIn(new LogInCommand("jane",
                new PlainPassword(PASSWORD), dev.gatehouse.domain.Scope.parseList("me items"), FROM, Optional.empty(),
                Optional.of(ClientCredentials.publicClient("kiosk")), Optional.empty())));
        LogInResult.LoggedIn unlimited = assertInstanceOf(LogInResult.LoggedIn.class, useCases.logIn().logIn(new LogInCommand("jane",
                new PlainPassword(PASSWORD), dev.gatehouse.domain.Scope.parseList("me items"), FROM, Optional.empty(),
                Optional.of(ClientCredentials.publicClient("web-app")), Optional.empty())));

        assertEquals(dev.gatehouse.domain.Scope.parseList("items"), loggedIn.accessToken().scopes());
        assertEquals(dev.gatehouse.domain.Scope.parseList("me items"), unlimited.accessToken().scopes());
    }

    @Test
    void with_no_client_registered_no_resource_can_be_asked_for() {
        UseCases open = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(PasswordDirectory.none())
                .accessTokens(tokens)
                .build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)), Optional.empty()));
        assertInstanceOf(LogInResult.InvalidTarget.class, open.logIn().logIn(new LogInCommand("jane", new PlainPassword(PASSWORD),
                Set.of(), FROM, Optional.empty(), Optional.empty(), Optional.of(ORDERS))));
    }

    private LogInResult logIn(Optional<Audience> resource) {
        return useCases.logIn().logIn(new LogInCommand("jane", new PlainPassword(PASSWORD), Set.of(), FROM, Optional.empty(),
                Optional.of(ClientCredentials.publicClient("web-app")), resource));
    }

    private RefreshResult refresh(String refreshToken, Optional<Audience> resource) {
        return useCases.refreshToken().refresh(new RefreshCommand(refreshToken, Optional.empty(), FROM,
                Optional.of(ClientCredentials.publicClient("web-app")), resource));
    }

    private ClientCredentialsGrantResult clientToken(Optional<Audience> resource) {
        return useCases.clientCredentialsGrant().issue(new ClientCredentialsGrantCommand(Optional.empty(), FROM,
                Optional.of(ClientCredentials.confidential("reporting", SECRET)), resource));
    }
}
