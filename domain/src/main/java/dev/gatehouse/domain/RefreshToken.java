package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One refresh token of a session, as stored: its hash, when it was issued, and when it was exchanged for the
 * next one. A rotated token presented again is a replay: someone else holds a copy.
 */
public record RefreshToken(RefreshTokenHash hash, RefreshSession session, Instant issuedAt, Optional<Instant> rotatedAt) {

    public RefreshToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
    }
}
