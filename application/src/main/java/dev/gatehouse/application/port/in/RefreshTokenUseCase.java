package dev.gatehouse.application.port.in;

/** Exchanges a refresh token for a new access token and the next refresh token (RFC 6749 section 6). */
public interface RefreshTokenUseCase {

    RefreshResult refresh(RefreshCommand command);
}
