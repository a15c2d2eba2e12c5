package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link RevokedAccessTokens}, held honest by {@link RevokedAccessTokensContract}. */
public final class InMemoryRevokedAccessTokens implements RevokedAccessTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        revoked.putIfAbsent(tokenId, expiresAt);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }
}
