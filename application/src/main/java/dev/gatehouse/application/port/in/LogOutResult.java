package dev.gatehouse.application.port.in;

/** Every way a logout can end; callers switch over it exhaustively. */
public sealed interface LogOutResult {

    record LoggedOut() implements LogOutResult {
    }

    /** The bearer token is not a valid one (so there is no session of the caller to end). */
    record InvalidToken() implements LogOutResult {
    }
}
