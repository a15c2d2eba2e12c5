package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessTokens} adapter must do. Extend it and build the adapter on the given clock and
 * lifetime; {@link #newAccessTokens} may be called twice, and two instances must not accept each other's
 * tokens unless they share a key by configuration.
 */
public abstract class AccessTokensContract {

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final SessionId SESSION = SessionId.newId();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private AccessTokens tokens;

    protected abstract AccessTokens newAccessTokens(Clock clock, Duration lifetime);

    @BeforeEach
    void create() {
        tokens = newAccessTokens(clock, LIFETIME);
    }

    @Test
    void verifies_its_own_token_and_names_the_user() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(), SESSION);

        AccessTokenClaims claims = tokens.verify(token.value()).orElseThrow();

        assertEquals(new Username("johndoe"), claims.subject());
        assertFalse(claims.tokenId().isBlank());
    }

    @Test
    void names_the_account_by_its_stable_id_as_well_as_its_name() {
        User johnDoe = johnDoe();

        AccessTokenClaims claims = tokens.verify(tokens.issue(johnDoe, Set.of(), SESSION).value()).orElseThrow();

        assertEquals(johnDoe.id(), claims.userId());
    }

    @Test
    void issues_tokens_for_the_configured_lifetime() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(), SESSION);

        assertEquals(clock.instant(), token.issuedAt());
        assertEquals(LIFETIME, token.lifetime());
    }

    @Test
    void accepts_no_token_past_the_moment_it_names_for_tokens_issued_so_far() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(), SESSION);
        Instant until = tokens.acceptedAtMostUntil(clock.instant());
        assertTrue(!until.isBefore(token.expiresAt()), "at least the token's own expiry");

        clock.advance(Duration.between(clock.instant(), until).plusSeconds(1));

        assertTrue(tokens.verify(token.value()).isEmpty());
    }

    @Test
    void carries_the_granted_scopes() {
        Set<Scope> scopes = Set.of(new Scope("me"), new Scope("items"));
        AccessToken token = tokens.issue(johnDoe(), scopes, SESSION);

        assertEquals(scopes, token.scopes());
        assertEquals(scopes, tokens.verify(token.value()).orElseThrow().scopes());
    }

    @Test
    void gives_every_token_its_own_id() {
        AccessToken first = tokens.issue(johnDoe(), Set.of(), SESSION);
        AccessToken second = tokens.issue(johnDoe(), Set.of(), SESSION);

        assertNotEquals(first.value(), second.value());
        assertNotEquals(tokens.verify(first.value()).orElseThrow().tokenId(),
                tokens.verify(second.value()).orElseThrow().tokenId());
    }

    @Test
    void refuses_an_expired_token() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(), SESSION);

        clock.advance(LIFETIME.plusMinutes(2));

        assertTrue(tokens.verify(token.value()).isEmpty());
    }

    @Test
    void refuses_a_tampered_token() {
        String value = tokens.issue(johnDoe(), Set.of(), SESSION).value();
        int middle = value.length() / 2;
        char flipped = value.charAt(middle) == 'A' ? 'B' : 'A';

        assertTrue(tokens.verify(value.substring(0, middle) + flipped + value.substring(middle + 1)).isEmpty());
        assertTrue(tokens.verify(value + "x").isEmpty());
        assertTrue(tokens.verify(value.substring(0, value.length() - 1)).isEmpty());
    }

    @Test
    void refuses_garbage() {
        for (String garbage : new String[] {"", " ", "null", "a.b.c", "...", "eyJhbGciOiJub25lIn0.e30.", "x".repeat(10_000)}) {
            assertTrue(tokens.verify(garbage).isEmpty(), () -> "accepted " + garbage.substring(0, Math.min(20, garbage.length())));
        }
    }

    @Test
    void refuses_a_token_issued_by_another_instance_with_its_own_key() {
        AccessTokens stranger = newAccessTokens(clock, LIFETIME);

        assertTrue(tokens.verify(stranger.issue(johnDoe(), Set.of(), SESSION).value()).isEmpty());
    }

    @Test
    void carries_the_users_security_version_and_the_session() {
        User renewed = johnDoe().endAllSessions().endAllSessions();
        SessionId session = SessionId.newId();

        AccessTokenClaims claims = tokens.verify(tokens.issue(renewed, Set.of(), session).value()).orElseThrow();

        assertEquals(2, claims.securityVersion());
        assertEquals(java.util.Optional.of(session), claims.session());
    }

    @Test
    void names_the_client_it_was_issued_to_and_none_otherwise() {
        ClientId webApp = new ClientId("web-app");

        AccessTokenClaims forClient = tokens.verify(tokens.issue(johnDoe(), Set.of(), SESSION, java.util.Optional.of(webApp))
                .value()).orElseThrow();
        AccessTokenClaims forNone = tokens.verify(tokens.issue(johnDoe(), Set.of(), SESSION).value()).orElseThrow();

        assertEquals(java.util.Optional.of(webApp), forClient.client());
        assertEquals(java.util.Optional.empty(), forNone.client());
    }

    @Test
    void a_token_for_a_client_names_the_client_and_no_user_and_is_never_taken_for_a_users() {
        ClientId reporting = new ClientId("reporting");

        AccessToken token = tokens.issueForClient(reporting, Set.of(new Scope("reports:read")));
        ClientTokenClaims claims = tokens.verifyClientToken(token.value()).orElseThrow();

        assertEquals(reporting, claims.client());
        assertEquals(Set.of(new Scope("reports:read")), claims.scopes());
        assertEquals(Set.of(new Scope("reports:read")), token.scopes());
        assertFalse(claims.tokenId().isBlank());
        assertEquals(token.expiresAt(), claims.expiresAt());
        assertEquals(java.util.Optional.empty(), tokens.verify(token.value()));
        assertEquals(java.util.Optional.empty(), tokens.verifyClientToken(tokens.issue(johnDoe(), Set.of(), SESSION,
                java.util.Optional.of(reporting)).value()));
        assertNotEquals(claims.tokenId(), tokens.verifyClientToken(tokens.issueForClient(reporting, Set.of()).value())
                .orElseThrow().tokenId());
    }

    @Test
    void refuses_an_expired_or_foreign_client_token() {
        AccessToken token = tokens.issueForClient(new ClientId("reporting"), Set.of());

        assertTrue(newAccessTokens(clock, LIFETIME).verifyClientToken(token.value()).isEmpty());
        assertTrue(tokens.verifyClientToken("garbage").isEmpty());
        clock.advance(LIFETIME.plusMinutes(5));
        assertTrue(tokens.verifyClientToken(token.value()).isEmpty());
    }

    @Test
    void a_token_asked_for_a_resource_names_it_as_an_audience() {
        dev.gatehouse.domain.Audience orders = new dev.gatehouse.domain.Audience("https://orders.example.com");

        AccessTokenClaims claims = tokens.verify(tokens.issue(johnDoe(), Set.of(), SESSION,
                java.util.Optional.of(new ClientId("web-app")), java.util.Optional.of(orders)).value()).orElseThrow();
        ClientTokenClaims clientClaims = tokens.verifyClientToken(tokens.issueForClient(new ClientId("reporting"), Set.of(),
                java.util.Optional.of(orders)).value()).orElseThrow();

        assertTrue(claims.audiences().contains(orders.value()), claims.audiences()::toString);
        assertTrue(clientClaims.audiences().contains(orders.value()), clientClaims.audiences()::toString);
    }

    private static User johnDoe() {
        return User.register(new Username("johndoe"), new PasswordHash("$test$hash"), null, null, Instant.EPOCH);
    }
}
