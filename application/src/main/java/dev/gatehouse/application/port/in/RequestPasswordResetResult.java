package dev.gatehouse.application.port.in;

import java.time.Duration;

/** Every way a reset request can end; callers switch over it exhaustively. */
public sealed interface RequestPasswordResetResult {

    /**
     * Taken: if an active account has that name or address (and an address to write to), a link is on its way. The
     * same answer, after the same work, whether or not there is one, so it tells nobody which accounts exist.
     */
    record Accepted() implements RequestPasswordResetResult {
    }

    /** Too many requests from this client address lately; nothing was done. Says nothing about any account. */
    record Throttled(Duration retryAfter) implements RequestPasswordResetResult {
    }
}
