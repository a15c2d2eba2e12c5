package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.User;
import java.time.Duration;

/** Every way using a verification link can end; callers switch over it exhaustively. */
public sealed interface ConfirmEmailVerificationResult {

    /** The link's address is now the account's, verified ({@code user} as stored afterwards). */
    record Verified(User user) implements ConfirmEmailVerificationResult {
    }

    /** The link is unknown, used, expired, or its account is disabled or gone: one answer for all. Nothing changed. */
    record InvalidToken() implements ConfirmEmailVerificationResult {
    }

    /** Too many invalid links from this client address lately; nothing was tried. */
    record Throttled(Duration retryAfter) implements ConfirmEmailVerificationResult {
    }
}
