package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a verified access token issued to a client for itself asserts (the client credentials grant, RFC 6749
 * section 4.4): no user, the client as subject, which token, when, and with which scopes.
 */
public record ClientTokenClaims(ClientId client, String tokenId, Instant issuedAt, Instant expiresAt, Set<Scope> scopes,
                                List<String> audiences) {

    public ClientTokenClaims {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
        audiences = List.copyOf(audiences);
    }

    /** Claims whose audiences are not told. */
    public ClientTokenClaims(ClientId client, String tokenId, Instant issuedAt, Instant expiresAt, Set<Scope> scopes) {
        this(client, tokenId, issuedAt, expiresAt, scopes, List.of());
    }
}
