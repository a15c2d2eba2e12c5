package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import java.util.Optional;

/**
 * Resolves a bearer token to its user, looking the user up on every request (not trusting the token's claims),
 * so that an account disabled after the token was issued is refused. The repository may answer from a cache,
 * as long as it forgets a user as soon as the user changes.
 */
public final class CurrentUserService implements CurrentUserUseCase {

    private final AccessTokens accessTokens;
    private final UserRepository users;

    public CurrentUserService(AccessTokens accessTokens, UserRepository users) {
        this.accessTokens = accessTokens;
        this.users = users;
    }

    @Override
    public CurrentUserResult currentUser(CurrentUserQuery query) {
        Optional<User> user = accessTokens.verify(query.accessToken())
                .map(AccessTokenClaims::subject)
                .flatMap(users::findByUsername);
        if (user.isEmpty()) {
            return new CurrentUserResult.InvalidToken();
        }
        if (user.get().isDisabled()) {
            return new CurrentUserResult.InactiveUser(user.get());
        }
        return new CurrentUserResult.Authenticated(user.get());
    }
}
