package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.domain.ClientId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Used assertions in a map, first use by {@code putIfAbsent}; held honest by {@link AssertionReplaysContract}. */
public final class InMemoryAssertionReplays implements AssertionReplays {

    private record Use(ClientId client, String tokenId) {
    }

    private final Map<Use, Instant> used = new ConcurrentHashMap<>();

    @Override
    public boolean firstUse(ClientId client, String tokenId, Instant expiresAt) {
        return used.putIfAbsent(new Use(client, tokenId), expiresAt) == null;
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        int[] forgotten = {0};
        used.entrySet().removeIf(entry -> {
            boolean expired = entry.getValue().isBefore(cutoff);
            if (expired) {
                forgotten[0]++;
            }
            return expired;
        });
        return forgotten[0];
    }
}
