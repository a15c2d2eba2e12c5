package dev.gatehouse.application.port.in;

/** Every way ending one of one's sessions can end; callers switch over it exhaustively. */
public sealed interface EndSessionResult {

    /** The session is revoked: its refresh token and every access token of it stop working. */
    record Ended() implements EndSessionResult {
    }

    /**
     * No live session of the caller has that id: unknown, already ended, malformed, or another user's (which is not
     * told apart, and which nothing ends).
     */
    record NotFound() implements EndSessionResult {
    }

    /** The token is invalid, expired or revoked. */
    record InvalidToken() implements EndSessionResult {
    }

    /** The token's user is disabled. */
    record InactiveUser() implements EndSessionResult {
    }
}
