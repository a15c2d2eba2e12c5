package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;

/**
 * Resolves a bearer token to its user, looking the user up on every request (not trusting the token's claims),
 * so that an account disabled, or whose sessions were ended, after the token was issued is refused. The
 * repository may answer from a cache, as long as it forgets a user as soon as the user changes.
 */
public final class CurrentUserService implements CurrentUserUseCase {

    private final BearerAuthentication authentication;

    public CurrentUserService(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users) {
        this.authentication = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
    }

    @Override
    public CurrentUserResult currentUser(CurrentUserQuery query) {
        return switch (authentication.authenticate(query.accessToken())) {
            case BearerAuthentication.Accepted accepted -> new CurrentUserResult.Authenticated(accepted.bearer().user());
            case BearerAuthentication.Inactive inactive -> new CurrentUserResult.InactiveUser(inactive.user());
            case BearerAuthentication.Refused refused -> new CurrentUserResult.InvalidToken();
        };
    }
}
