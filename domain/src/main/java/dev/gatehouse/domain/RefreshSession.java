package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A session as stored: who it belongs to, which scopes it was granted, the user's security version when it
 * started, when it started, and when (if ever) it was revoked.
 */
public record RefreshSession(SessionId id, UserId userId, Set<Scope> scopes, long securityVersion, Instant startedAt,
                             Optional<Instant> revokedAt) {

    public RefreshSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (securityVersion < 0) {
            throw new IllegalArgumentException("securityVersion must not be negative");
        }
    }

    /** A session starting now for this user, at the user's current security version. */
    public static RefreshSession start(User user, Set<Scope> scopes, Instant now) {
        return new RefreshSession(SessionId.newId(), user.id(), scopes, user.securityVersion(), now, Optional.empty());
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
