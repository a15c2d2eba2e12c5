package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import java.util.Objects;
import java.util.Optional;

/** Every way the exchange of an authorization code can end; callers switch over it exhaustively. */
public sealed interface RedeemAuthorizationCodeResult {

    /**
     * Tokens exactly as the password grant issues them: an access token and the first refresh token of a session;
     * and, when {@code openid} was granted and this service publishes its keys, an OpenID Connect ID token.
     */
    record Redeemed(AccessToken accessToken, String refreshToken, Optional<String> idToken)
            implements RedeemAuthorizationCodeResult {

        public Redeemed {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(idToken, "idToken");
        }

        /** Tokens without an ID token. */
        public Redeemed(AccessToken accessToken, String refreshToken) {
            this(accessToken, refreshToken, Optional.empty());
        }

        @Override
        public String toString() {
            return "Redeemed[" + accessToken + ", refreshToken=redacted" + (idToken.isPresent() ? ", idToken=redacted" : "") + "]";
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
