package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is stored of a password-reset or email-verification token: its SHA-256 in lower-case hex. The token is 256 random bits (minted like a
 * refresh token), so a plain hash is enough, and a stolen table holds no usable link.
 */
public record ResetTokenHash(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ResetTokenHash {
        Objects.requireNonNull(hex, "reset token hash must not be null");
        if (!SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a reset token hash is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return "ResetTokenHash[" + hex.substring(0, 8) + "…]";
    }
}
