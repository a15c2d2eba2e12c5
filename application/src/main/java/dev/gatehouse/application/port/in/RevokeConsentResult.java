package dev.gatehouse.application.port.in;

/** Every way revoking a consent can end; callers switch over it exhaustively. */
public sealed interface RevokeConsentResult {

    /** The consent is gone: the client's next authorization request shows the consent page again. */
    record Revoked() implements RevokeConsentResult {
    }

    /** The user had given that client no consent; nothing changed. */
    record NotFound() implements RevokeConsentResult {
    }
}
