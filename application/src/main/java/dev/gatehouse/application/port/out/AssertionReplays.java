package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import java.time.Instant;

/**
 * The client assertions already used, shared by every instance, so that an assertion authenticates once
 * (RFC 7523 section 3, point 7): of two presentations of the same {@code jti} by the same client, at once or one
 * after the other, on one instance or two, exactly one is the first. Entries are kept until the assertion expires,
 * after which it is refused anyway. Every adapter passes {@code AssertionReplaysContract}.
 */
public interface AssertionReplays {

    /**
     * Records the use of this client's assertion {@code tokenId}, valid until {@code expiresAt}; true only for the
     * first use, atomically.
     */
    boolean firstUse(ClientId client, String tokenId, Instant expiresAt);

    /** Forgets the uses of assertions expired before {@code cutoff}; how many. */
    int forgetExpiredBefore(Instant cutoff);

    /** Remembers nothing and admits nothing: beside {@link ClientAssertions#none()}, which never asks it. */
    static AssertionReplays none() {
        return new AssertionReplays() {
            @Override
            public boolean firstUse(ClientId client, String tokenId, Instant expiresAt) {
                return false;
            }

            @Override
            public int forgetExpiredBefore(Instant cutoff) {
                return 0;
            }
        };
    }
}
