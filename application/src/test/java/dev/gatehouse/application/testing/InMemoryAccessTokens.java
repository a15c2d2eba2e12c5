package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque random tokens remembered in memory; held honest by {@link AccessTokensContract}. */
public final class InMemoryAccessTokens implements AccessTokens {

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, AccessTokenClaims> issued = new ConcurrentHashMap<>();
    private final Map<String, ClientTokenClaims> issuedToClients = new ConcurrentHashMap<>();

    public InMemoryAccessTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client,
                             Optional<Audience> resource) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        AccessTokenClaims claims = new AccessTokenClaims(user.username(), user.id(), id, now, now.plus(lifetime), scopes,
                user.securityVersion(), Optional.of(session), client, resource.map(Audience::value).stream().toList());
        String value = "opaque-" + id;
        issued.put(value, claims);
        return new AccessToken(value, claims.issuedAt(), claims.expiresAt(), scopes);
    }

    @Override
    public AccessToken issueForClient(ClientId client, Set<Scope> scopes, Optional<Audience> resource) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        ClientTokenClaims claims = new ClientTokenClaims(client, id, now, now.plus(lifetime), scopes,
                resource.map(Audience::value).stream().toList());
        String value = "opaque-client-" + id;
        issuedToClients.put(value, claims);
        return new AccessToken(value, claims.issuedAt(), claims.expiresAt(), scopes);
    }

    @Override
    public Optional<ClientTokenClaims> verifyClientToken(String token) {
        return Optional.ofNullable(issuedToClients.get(token))
                .filter(claims -> clock.instant().isBefore(claims.expiresAt()));
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        return Optional.ofNullable(issued.get(token))
                .filter(claims -> clock.instant().isBefore(claims.expiresAt()));
    }

    @Override
    public Instant acceptedAtMostUntil(Instant issuedBy) {
        return issuedBy.plus(lifetime);
    }
}
