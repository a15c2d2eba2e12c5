package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import java.util.Optional;

/**
 * Resolves a bearer token to its user for the use cases behind a token: genuine and unexpired, a user that
 * still exists and is the account the token was issued to (its stable id, not only its name), a token not revoked on its own (RFC 7009, logout) nor with its session (a refresh token revoked or
 * replayed, the session logged out), and a token at least as new as the user's security version (so a password change, disabling
 * or "log out everywhere" refuses older tokens at once). Whether the user is active is left to the caller.
 */
final class BearerAuthentication {

    /** A verified token and its user as stored now. */
    record Bearer(User user, AccessTokenClaims claims) {
    }

    /** Why a token was refused: only the inactive case is told apart, as the tutorial's 400 needs it. */
    sealed interface Outcome {
    }

    record Accepted(Bearer bearer) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record Inactive(User user) implements Outcome {
    }

    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final UserRepository users;

    BearerAuthentication(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users) {
        this.accessTokens = accessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.users = users;
    }

    /**
     * A token a client obtained for itself (client credentials), genuine, unexpired and not revoked on its own.
     * It has no user, so {@link #authenticate} never accepts it.
     */
    Optional<ClientTokenClaims> authenticateClient(String accessToken) {
        return accessTokens.verifyClientToken(accessToken).filter(verified -> !revokedAccessTokens.isRevoked(verified.tokenId()));
    }

    Outcome authenticate(String accessToken) {
        Optional<AccessTokenClaims> claims = accessTokens.verify(accessToken)
                .filter(verified -> !revokedAccessTokens.isRevoked(verified.tokenId()))
                .filter(verified -> verified.session().filter(revokedAccessTokens::isSessionRevoked).isEmpty());
        Optional<User> user = claims.map(AccessTokenClaims::subject).flatMap(users::findByUsername);
        // The name alone is not the account: one deleted and registered again under that name inherits nothing.
        if (user.isEmpty() || !user.get().id().equals(claims.get().userId())) {
            return new Refused();
        }
        // Disabled first: the tutorial answers "Inactive user" for a disabled user's token, although disabling
        // also moved the security version on (so re-enabling does not revive the token).
        if (user.get().isDisabled()) {
            return new Inactive(user.get());
        }
        if (claims.get().securityVersion() < user.get().securityVersion()) {
            return new Refused();
        }
        return new Accepted(new Bearer(user.get(), claims.get()));
    }
}
