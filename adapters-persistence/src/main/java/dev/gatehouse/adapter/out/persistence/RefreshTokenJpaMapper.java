package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Translates between the domain's sessions and refresh tokens and their rows; the only place that knows both shapes. */
final class RefreshTokenJpaMapper {

    // The width of refresh_sessions.scopes (V3__sessions.sql).
    static final int MAX_SCOPES_LENGTH = 2000;

    private RefreshTokenJpaMapper() {
    }

    static RefreshSessionJpaEntity toEntity(RefreshSession session) {
        String scopes = Scope.format(session.scopes());
        if (scopes.length() > MAX_SCOPES_LENGTH) {
            throw new IllegalArgumentException("the session's scopes take " + scopes.length()
                    + " characters, more than the " + MAX_SCOPES_LENGTH + " stored");
        }
        return new RefreshSessionJpaEntity(session.id().value(), session.userId().value(), scopes,
                session.securityVersion(), storable(session.startedAt()), session.revokedAt().map(RefreshTokenJpaMapper::storable).orElse(null),
                session.client().map(ClientId::value).orElse(null), session.resource().map(Audience::value).orElse(null));
    }

    static RefreshTokenJpaEntity toNewEntity(RefreshTokenHash hash, SessionId session, Instant issuedAt) {
        return new RefreshTokenJpaEntity(hash.hex(), session.value(), storable(issuedAt));
    }

    static RefreshToken toDomain(RefreshTokenJpaEntity token, RefreshSessionJpaEntity session) {
        return new RefreshToken(new RefreshTokenHash(token.getTokenHash()), toDomain(session), token.getIssuedAt(),
                Optional.ofNullable(token.getRotatedAt()));
    }

    static RefreshSession toDomain(RefreshSessionJpaEntity session) {
        return new RefreshSession(new SessionId(session.getId()), new UserId(session.getUserId()),
                Scope.parseList(session.getScopes()), session.getSecurityVersion(), session.getStartedAt(),
                Optional.ofNullable(session.getRevokedAt()), Optional.ofNullable(session.getClientId()).map(ClientId::new),
                Optional.ofNullable(session.getResource()).map(Audience::new));
    }

    /** The precision both databases keep, so that what is read back equals what was written. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
