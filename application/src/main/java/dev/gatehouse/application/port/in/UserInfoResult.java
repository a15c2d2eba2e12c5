package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.StandardClaims;
import java.util.Objects;

/** Every way a userinfo request can end (OpenID Connect Core section 5.3); callers switch over it exhaustively. */
public sealed interface UserInfoResult {

    /** The claims the token's scopes release about its user. */
    record Claims(StandardClaims claims) implements UserInfoResult {

        public Claims {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** The token is malformed, forged, expired, revoked, or its user is gone or disabled (RFC 6750 {@code invalid_token}). */
    record InvalidToken() implements UserInfoResult {
    }

    /** A good token that was not granted {@code openid} (RFC 6750 {@code insufficient_scope}). */
    record InsufficientScope() implements UserInfoResult {
    }
}
