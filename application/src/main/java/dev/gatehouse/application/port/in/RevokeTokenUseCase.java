package dev.gatehouse.application.port.in;

/**
 * Revokes a token (RFC 7009): a refresh token ends its session; an access token ends the session it was
 * issued in, so it cannot be refreshed, and it stops working at its expiry. Invalid or unknown tokens are
 * ignored, as the RFC requires, so the answer never tells whether a token existed. When clients are registered
 * the client must authenticate, and only tokens issued to it are revoked.
 */
public interface RevokeTokenUseCase {

    RevokeResult revoke(RevokeCommand command);
}
