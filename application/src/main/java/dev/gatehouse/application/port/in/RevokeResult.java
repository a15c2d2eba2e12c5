package dev.gatehouse.application.port.in;

/** Every way a revocation can end; callers switch over it exhaustively. */
public sealed interface RevokeResult {

    /**
     * Done, or nothing to do: the token was unknown, invalid, revoked already or issued to another client. One
     * outcome, as RFC 7009 wants, so the answer tells nothing about the token.
     */
    record Done() implements RevokeResult {
    }

    /**
     * Clients are registered and this request's client is not one of them or did not prove it: RFC 6749's
     * {@code invalid_client}. The token was not looked at.
     */
    record InvalidClient() implements RevokeResult {
    }
}
