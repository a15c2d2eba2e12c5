package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import java.util.Objects;

/** Every way the exchange of an authorization code can end; callers switch over it exhaustively. */
public sealed interface RedeemAuthorizationCodeResult {

    /** Tokens exactly as the password grant issues them: an access token and the first refresh token of a session. */
    record Redeemed(AccessToken accessToken, String refreshToken) implements RedeemAuthorizationCodeResult {

        public Redeemed {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }

        @Override
        public String toString() {
            return "Redeemed[" + accessToken + ", refreshToken=redacted]";
        }
    }

    /**
     * RFC 6749's {@code invalid_grant}: the code is unknown, expired, already used (its session is then revoked),
     * issued to another client or for another redirect URI, or the verifier does not match its challenge; one outcome.
     */
    record InvalidGrant() implements RedeemAuthorizationCodeResult {
    }

    /** The client did not authenticate (or clients are not registered at all): {@code invalid_client}. */
    record InvalidClient() implements RedeemAuthorizationCodeResult {
    }

    /** A registered client that may not use the authorization code grant: {@code unauthorized_client}. */
    record UnauthorizedClient() implements RedeemAuthorizationCodeResult {
    }
}
