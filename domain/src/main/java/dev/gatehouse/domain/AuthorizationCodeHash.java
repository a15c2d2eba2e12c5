package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is stored of an authorization code: its SHA-256 in lower-case hex. The code itself is 256 random bits, so a
 * plain hash is enough (nothing to guess), and a stolen table holds no code that could be redeemed.
 */
public record AuthorizationCodeHash(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public AuthorizationCodeHash {
        Objects.requireNonNull(hex, "authorization code hash must not be null");
        if (!SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("an authorization code hash is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCodeHash[" + hex.substring(0, 8) + "…]";
    }
}
