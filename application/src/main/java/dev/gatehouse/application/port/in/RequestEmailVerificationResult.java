package dev.gatehouse.application.port.in;

import java.time.Duration;

/** Every way a request for a new verification link can end; callers switch over it exhaustively. */
public sealed interface RequestEmailVerificationResult {

    /**
     * Taken: if an active account with an unproven address has that name or address, a link to that address is on its
     * way. The same answer, after the same work, whether or not there is one.
     */
    record Accepted() implements RequestEmailVerificationResult {
    }

    /** Too many requests from this client address lately; nothing was done. Says nothing about any account. */
    record Throttled(Duration retryAfter) implements RequestEmailVerificationResult {
    }
}
