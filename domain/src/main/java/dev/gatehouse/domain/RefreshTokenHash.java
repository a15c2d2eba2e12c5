package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is stored of a refresh token: its SHA-256 in lower-case hex. The token itself is 256 random bits, so a
 * plain hash is enough (nothing to guess), and a stolen table holds no usable token.
 */
public record RefreshTokenHash(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public RefreshTokenHash {
        Objects.requireNonNull(hex, "refresh token hash must not be null");
        if (!SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a refresh token hash is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return "RefreshTokenHash[" + hex.substring(0, 8) + "…]";
    }
}
