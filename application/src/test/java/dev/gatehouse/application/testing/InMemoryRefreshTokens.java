package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.SessionActivity;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sessions and refresh tokens in memory, one lock for atomicity; held honest by {@link RefreshTokensContract}. */
public final class InMemoryRefreshTokens implements RefreshTokens {

    private record StoredToken(RefreshTokenHash hash, SessionId session, Instant issuedAt, Optional<Instant> rotatedAt) {
    }

    private final Map<SessionId, RefreshSession> sessions = new HashMap<>();
    private final Map<RefreshTokenHash, StoredToken> tokens = new HashMap<>();

    @Override
    public synchronized void start(RefreshSession session, RefreshTokenHash first, Instant issuedAt) {
        if (sessions.containsKey(session.id()) || tokens.containsKey(first)) {
            throw new IllegalStateException("session or token already stored");
        }
        sessions.put(session.id(), session);
        tokens.put(first, new StoredToken(first, session.id(), issuedAt, Optional.empty()));
    }

    @Override
    public synchronized Optional<RefreshToken> find(RefreshTokenHash hash) {
        return Optional.ofNullable(tokens.get(hash))
                .map(token -> new RefreshToken(hash, sessions.get(token.session()), token.issuedAt(), token.rotatedAt()));
    }

    @Override
    public synchronized boolean rotate(RefreshTokenHash used, RefreshTokenHash next, Instant at) {
        StoredToken token = tokens.get(used);
        if (token == null || token.rotatedAt().isPresent() || sessions.get(token.session()).isRevoked() || tokens.containsKey(next)) {
            return false;
        }
        tokens.put(used, new StoredToken(used, token.session(), token.issuedAt(), Optional.of(at)));
        tokens.put(next, new StoredToken(next, token.session(), at, Optional.empty()));
        return true;
    }

    @Override
    public synchronized boolean revoke(SessionId session, Instant at) {
        RefreshSession stored = sessions.get(session);
        if (stored == null || stored.isRevoked()) {
            return false;
        }
        sessions.put(session, revoked(stored, at));
        return true;
    }

    @Override
    public synchronized int revokeAllOf(UserId user, Instant at) {
        int revoked = 0;
        for (RefreshSession session : sessions.values().stream().filter(s -> s.userId().equals(user) && !s.isRevoked()).toList()) {
            sessions.put(session.id(), revoked(session, at));
            revoked++;
        }
        return revoked;
    }

    @Override
    public synchronized int revokeAllOfClient(dev.gatehouse.domain.ClientId client, Instant at) {
        int revoked = 0;
        for (RefreshSession session : sessions.values().stream()
                .filter(s -> s.client().equals(Optional.of(client)) && !s.isRevoked()).toList()) {
            sessions.put(session.id(), revoked(session, at));
            revoked++;
        }
        return revoked;
    }

    @Override
    public synchronized int forgetEndedBefore(Instant cutoff) {
        var ended = sessions.values().stream()
                .filter(s -> s.startedAt().isBefore(cutoff) || s.revokedAt().filter(r -> r.isBefore(cutoff)).isPresent())
                .map(RefreshSession::id).toList();
        ended.forEach(sessions::remove);
        tokens.values().removeIf(token -> ended.contains(token.session()));
        return ended.size();
    }

    @Override
    public synchronized java.util.List<SessionActivity> activeOf(UserId user) {
        return sessions.values().stream().filter(s -> s.userId().equals(user) && !s.isRevoked())
                .map(s -> new SessionActivity(s, tokens.values().stream().filter(t -> t.session().equals(s.id()))
                        .map(StoredToken::issuedAt).max(Instant::compareTo).orElse(s.startedAt())))
                .sorted(java.util.Comparator.comparing(SessionActivity::lastUsedAt).reversed())
                .toList();
    }

    @Override
    public synchronized boolean revokeOwn(UserId owner, SessionId session, Instant at) {
        RefreshSession stored = sessions.get(session);
        if (stored == null || !stored.userId().equals(owner) || stored.isRevoked()) {
            return false;
        }
        sessions.put(session, revoked(stored, at));
        return true;
    }

    private static RefreshSession revoked(RefreshSession session, Instant at) {
        return session.revoked(at);
    }
}
