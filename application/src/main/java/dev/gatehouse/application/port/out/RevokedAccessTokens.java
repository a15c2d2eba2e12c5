package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.SessionId;
import java.time.Instant;

/**
 * Access tokens refused before they expire, by token id ({@code jti}): revoked through RFC 7009, or the token a
 * client logged out with; and every access token of a revoked session ({@code sid}): a refresh token revoked,
 * replayed, or logged out. The use cases add to the list; the bearer check refuses every token on it, on every
 * instance within a second. An entry need not outlive the tokens it refuses. Every adapter passes
 * {@code RevokedAccessTokensContract}.
 */
public interface RevokedAccessTokens {

    /** Refuses the token with this id from now until {@code expiresAt}; revoking it again changes nothing. */
    void revoke(String tokenId, Instant expiresAt);

    /** Whether the token with this id has been revoked (here at once; by another instance within a second). */
    boolean isRevoked(String tokenId);

    /**
     * Refuses every access token of this session from now until {@code until}, the latest moment any of them can
     * still be accepted ({@link AccessTokens#acceptedAtMostUntil}); revoking it again changes nothing.
     */
    void revokeSession(SessionId session, Instant until);

    /** Whether this session's access tokens are refused (here at once; by another instance within a second). */
    boolean isSessionRevoked(SessionId session);

    /**
     * Forgets the tokens and sessions refused only until before {@code cutoff}, and answers how many: no token they
     * refuse can be accepted any more (housekeeping).
     */
    int forgetExpiredBefore(Instant cutoff);
}
