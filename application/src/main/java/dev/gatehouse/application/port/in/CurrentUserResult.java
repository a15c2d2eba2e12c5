package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;

/** Every way resolving the current user can end; callers switch over it exhaustively. */
public sealed interface CurrentUserResult {

    /** The token is valid and its user is active. */
    record Authenticated(User user) implements CurrentUserResult {
    }

    /** The token is malformed, forged, expired, or names a user that no longer exists. */
    record InvalidToken() implements CurrentUserResult {
    }

    /** The token is valid but its user has been disabled. */
    record InactiveUser(User user) implements CurrentUserResult {
    }
}
