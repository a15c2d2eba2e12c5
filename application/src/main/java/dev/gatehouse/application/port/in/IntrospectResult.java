package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.Username;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Every way an introspection can end; callers switch over it exhaustively. */
public sealed interface IntrospectResult {

    /** What kind of token was found active: RFC 7662's {@code token_type}. */
    enum TokenType { ACCESS_TOKEN, REFRESH_TOKEN }

    /**
     * The token is active now: RFC 7662 section 2.2's fields that Gatehouse knows. An access token has its id
     * ({@code jti}) and expiry; a refresh token is opaque, so it has neither, and its issue time is the session's.
     */
    record Active(TokenType type, Username username, Set<Scope> scopes, Optional<ClientId> clientId, Instant issuedAt,
                  Optional<Instant> expiresAt, Optional<String> tokenId, List<String> audiences) implements IntrospectResult {

        public Active {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(username, "username");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(tokenId, "tokenId");
            audiences = List.copyOf(audiences);
        }

        /** Without audiences (a refresh token has none of its own). */
        public Active(TokenType type, Username username, Set<Scope> scopes, Optional<ClientId> clientId, Instant issuedAt,
                      Optional<Instant> expiresAt, Optional<String> tokenId) {
            this(type, username, scopes, clientId, issuedAt, expiresAt, tokenId, List.of());
        }
    }

    /**
     * An access token a client obtained for itself (client credentials) is active now: it has no user, its subject is
     * the client.
     */
    record ActiveClient(ClientId client, Set<Scope> scopes, Instant issuedAt, Instant expiresAt, String tokenId,
                        List<String> audiences) implements IntrospectResult {

        public ActiveClient {
            Objects.requireNonNull(client, "client");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(tokenId, "tokenId");
            audiences = List.copyOf(audiences);
        }
    }

    /**
     * Not active: unknown, forged, expired, revoked, its session ended, its user gone, disabled or moved on. One
     * outcome, as RFC 7662 wants, so the answer tells nothing more.
     */
    record Inactive() implements IntrospectResult {
    }

    /**
     * The caller is not a registered confidential client allowed to introspect, or did not prove it, or no client
     * is registered at all (introspection is never open): RFC 6749's {@code invalid_client}. The token was not looked at.
     */
    record InvalidClient() implements IntrospectResult {
    }
}
