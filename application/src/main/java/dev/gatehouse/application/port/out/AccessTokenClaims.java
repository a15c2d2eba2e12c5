package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** What a verified access token asserts: who, which token, when, and with which scopes. */
public record AccessTokenClaims(Username subject, String tokenId, Instant issuedAt, Instant expiresAt, Set<Scope> scopes) {

    public AccessTokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }
}
