package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a username and password and issues an access token. An unknown user costs one password
 * verification too (against a hash nobody can match), so response time does not reveal which
 * usernames exist.
 */
public final class LogInService implements LogInUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final PasswordHash unmatchableHash;

    public LogInService(UserRepository users, PasswordHasher hasher, AccessTokens accessTokens) {
        this.users = users;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.unmatchableHash = hasher.hash(randomPassword());
    }

    @Override
    public LogInResult logIn(LogInCommand command) {
        Optional<User> user = parseUsername(command.username()).flatMap(users::findByUsername);
        PasswordHash hash = user.map(User::passwordHash).orElse(unmatchableHash);
        boolean passwordMatches = hasher.verify(command.password(), hash);
        if (user.isEmpty() || !passwordMatches) {
            return new LogInResult.InvalidCredentials();
        }
        return new LogInResult.LoggedIn(accessTokens.issue(user.get(), grantedScopes(command.requestedScopes())));
    }

    private static Optional<Username> parseUsername(String raw) {
        try {
            return Optional.of(new Username(raw));
        } catch (IllegalArgumentException notAUsername) {
            return Optional.empty();
        }
    }

    /**
     * Users hold no scopes yet, so a token is granted none, whatever was asked: a token must never
     * carry a scope merely because the client requested it.
     */
    private static Set<Scope> grantedScopes(Set<Scope> requested) {
        return Set.of();
    }

    private static PlainPassword randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new PlainPassword(Base64.getEncoder().encodeToString(bytes));
    }
}
