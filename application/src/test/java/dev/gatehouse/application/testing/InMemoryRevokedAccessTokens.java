package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link RevokedAccessTokens}, held honest by {@link RevokedAccessTokensContract}. */
public final class InMemoryRevokedAccessTokens implements RevokedAccessTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<SessionId, Instant> revokedSessions = new ConcurrentHashMap<>();

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        revoked.putIfAbsent(tokenId, expiresAt);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    @Override
    public void revokeSession(SessionId session, Instant until) {
        revokedSessions.putIfAbsent(session, until);
    }

    @Override
    public boolean isSessionRevoked(SessionId session) {
        return revokedSessions.containsKey(session);
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        int before = revoked.size() + revokedSessions.size();
        revoked.values().removeIf(until -> until.isBefore(cutoff));
        revokedSessions.values().removeIf(until -> until.isBefore(cutoff));
        return before - revoked.size() - revokedSessions.size();
    }

    /** Until when this session's tokens are refused, for tests that check the use cases ask long enough. */
    public Optional<Instant> revokedUntil(SessionId session) {
        return Optional.ofNullable(revokedSessions.get(session));
    }
}
