package dev.gatehouse.application.port.out;

import java.time.Instant;
import java.util.Objects;

/** What a verified client assertion names for its single use: its id ({@code jti}) and until when it is valid. */
public record AssertionClaims(String tokenId, Instant expiresAt) {

    public static final int MAX_TOKEN_ID_LENGTH = 256;

    public AssertionClaims {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (tokenId.isEmpty() || tokenId.length() > MAX_TOKEN_ID_LENGTH) {
            throw new IllegalArgumentException("an assertion id is 1 to " + MAX_TOKEN_ID_LENGTH + " characters");
        }
    }
}
