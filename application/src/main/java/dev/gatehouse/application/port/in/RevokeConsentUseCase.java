package dev.gatehouse.application.port.in;

/**
 * Takes back a user's consent to a client, so that the client's next authorization request asks again. Tokens the
 * client already holds are not ended by this (they end as they would have).
 */
public interface RevokeConsentUseCase {

    RevokeConsentResult revoke(RevokeConsentCommand command);
}
