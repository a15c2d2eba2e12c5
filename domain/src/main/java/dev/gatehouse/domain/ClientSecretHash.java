package dev.gatehouse.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is kept of a confidential client's secret: its SHA-256 in lower-case hex. A client secret is a machine
 * secret of at least 256 random bits, not a human password, so a fast unsalted hash is enough (there is nothing
 * to guess, and a leaked hash does not give the secret back); argon2 is for passwords people choose. Comparison
 * takes the same time wherever the first difference is.
 */
public record ClientSecretHash(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ClientSecretHash {
        Objects.requireNonNull(hex, "client secret hash must not be null");
        if (!SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a client secret hash is the SHA-256 of the secret as 64 lower-case hex digits");
        }
    }

    /** The hash of a secret, given as text (its UTF-8 bytes are hashed). */
    public static ClientSecretHash of(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new ClientSecretHash(HexFormat.of().formatHex(sha256(secret)));
    }

    /** Whether {@code presented} is the secret; in constant time for a given hash. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), sha256(presented));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "ClientSecretHash[redacted]";
    }
}
