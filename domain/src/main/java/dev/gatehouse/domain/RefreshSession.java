package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A session as stored: who it belongs to, which scopes it was granted, the user's security version when it
 * started, when it started, when (if ever) it was revoked, and the client application it was started through
 * (none when no clients are registered): only that client may refresh it; and the resource server its tokens are
 * for, when one was asked for (RFC 8707).
 */
public record RefreshSession(SessionId id, UserId userId, Set<Scope> scopes, long securityVersion, Instant startedAt,
                             Optional<Instant> revokedAt, Optional<ClientId> client, Optional<Audience> resource) {

    public RefreshSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(resource, "resource");
        if (securityVersion < 0) {
            throw new IllegalArgumentException("securityVersion must not be negative");
        }
    }

    /** A session for no particular resource server. */
    public RefreshSession(SessionId id, UserId userId, Set<Scope> scopes, long securityVersion, Instant startedAt,
                          Optional<Instant> revokedAt, Optional<ClientId> client) {
        this(id, userId, scopes, securityVersion, startedAt, revokedAt, client, Optional.empty());
    }

    /** A session starting now for this user, at the user's current security version, through no client. */
    public static RefreshSession start(User user, Set<Scope> scopes, Instant now) {
        return start(user, scopes, Optional.empty(), now);
    }

    /** A session starting now for this user, at the user's current security version, through this client, if any. */
    public static RefreshSession start(User user, Set<Scope> scopes, Optional<ClientId> client, Instant now) {
        return start(user, scopes, client, Optional.empty(), now);
    }

    /**
     * A session starting now through this client, if any, for this resource server, if one was asked for (RFC 8707):
     * its access tokens are for that resource, and a refresh cannot widen them to another.
     */
    public static RefreshSession start(User user, Set<Scope> scopes, Optional<ClientId> client, Optional<Audience> resource,
                                       Instant now) {
        return new RefreshSession(SessionId.newId(), user.id(), scopes, user.securityVersion(), now, Optional.empty(), client,
                resource);
    }

    /** The same session, revoked at {@code at}. */
    public RefreshSession revoked(Instant at) {
        return new RefreshSession(id, userId, scopes, securityVersion, startedAt, Optional.of(at), client, resource);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
