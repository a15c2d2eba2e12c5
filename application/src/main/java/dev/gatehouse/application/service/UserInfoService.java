package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.UserInfoQuery;
import dev.gatehouse.application.port.in.UserInfoResult;
import dev.gatehouse.application.port.in.UserInfoUseCase;
import dev.gatehouse.domain.StandardClaims;

/**
 * The userinfo endpoint (OpenID Connect Core section 5.3): the token is judged exactly as for {@code /users/me}
 * (genuine, unexpired, not revoked, its user still there, enabled and at the same security version); it must have been
 * granted {@code openid}; then its scopes decide which claims about the stored user (not the token's) are released.
 */
public final class UserInfoService implements UserInfoUseCase {

    private final BearerAuthentication authentication;

    UserInfoService(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public UserInfoResult userInfo(UserInfoQuery query) {
        return switch (authentication.authenticate(query.accessToken())) {
            case BearerAuthentication.Accepted(var bearer) -> bearer.claims().scopes().contains(StandardClaims.OPENID)
                    ? new UserInfoResult.Claims(StandardClaims.of(bearer.user(), bearer.claims().scopes()))
                    : new UserInfoResult.InsufficientScope();
            case BearerAuthentication.Inactive inactive -> new UserInfoResult.InvalidToken();
            case BearerAuthentication.Refused refused -> new UserInfoResult.InvalidToken();
        };
    }
}
