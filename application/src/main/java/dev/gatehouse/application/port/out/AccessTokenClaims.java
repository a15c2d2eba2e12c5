package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified access token asserts: who (the username and the account's stable id: a name deleted and
 * registered again is another account), which token, when, with which scopes, at which of the user's
 * security versions, in which session (absent for a token from before sessions existed), and for which client
 * application (absent when it was issued to none), and the audiences ({@code aud}) it names.
 */
public record AccessTokenClaims(Username subject, UserId userId, String tokenId, Instant issuedAt, Instant expiresAt,
                                Set<Scope> scopes, long securityVersion, Optional<SessionId> session, Optional<ClientId> client,
                                List<String> audiences) {

    public AccessTokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(client, "client");
        audiences = List.copyOf(audiences);
        if (securityVersion < 0) {
            throw new IllegalArgumentException("securityVersion must not be negative");
        }
    }

    /** Claims whose audiences are not told. */
    public AccessTokenClaims(Username subject, UserId userId, String tokenId, Instant issuedAt, Instant expiresAt,
                             Set<Scope> scopes, long securityVersion, Optional<SessionId> session, Optional<ClientId> client) {
        this(subject, userId, tokenId, issuedAt, expiresAt, scopes, securityVersion, session, client, List.of());
    }
}
