package dev.gatehouse.application.port.out;

import java.time.Instant;

/**
 * Access tokens refused before they expire, by token id ({@code jti}): revoked through RFC 7009, or the token a
 * client logged out with. The use cases add to the list; the {@link AccessTokens} production wires refuses every
 * token on it, on every instance within a second. An entry need not outlive its token's expiry. Every adapter
 * passes {@code RevokedAccessTokensContract}.
 */
public interface RevokedAccessTokens {

    /** Refuses the token with this id from now until {@code expiresAt}; revoking it again changes nothing. */
    void revoke(String tokenId, Instant expiresAt);

    /** Whether the token with this id has been revoked (here at once; by another instance within a second). */
    boolean isRevoked(String tokenId);
}
