package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A bearer credential handed to a client after login. The token text is redacted in {@link #toString()}
 * because whoever holds it is the user until it expires.
 */
public record AccessToken(String value, Instant issuedAt, Instant expiresAt, Set<Scope> scopes) {

    public AccessToken {
        Objects.requireNonNull(value, "token value must not be null");
        Objects.requireNonNull(issuedAt, "issuedAt must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("token value must not be blank");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
        scopes = Set.copyOf(scopes);
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[redacted, expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
