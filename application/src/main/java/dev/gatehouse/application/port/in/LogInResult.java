package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;

/** Every way a login can end; callers switch over it exhaustively. */
public sealed interface LogInResult {

    /** The credentials were right; the token carries the scopes actually granted. */
    record LoggedIn(AccessToken accessToken) implements LogInResult {
    }

    /** Unknown user or wrong password: deliberately one outcome, so callers cannot tell which. */
    record InvalidCredentials() implements LogInResult {
    }
}
