package dev.gatehouse.application.port.in;

/**
 * Tells a resource server whether a token is active right now (RFC 7662): an access token that verifies, is not
 * revoked, whose session is not ended and whose user exists, is enabled and has not moved its security version on;
 * or a refresh token that may still be exchanged. Only registered confidential clients allowed to introspect may
 * ask. Cheap: no password hashing, so a resource server may ask on every request.
 */
public interface IntrospectTokenUseCase {

    IntrospectResult introspect(IntrospectCommand command);
}
