package dev.gatehouse.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a signing key, sent as a token's {@code kid} and published in the key set: 1 to 64 base64url
 * characters, so it is safe in a JSON header, a URL and a log line.
 */
public record KeyId(String value) {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public KeyId {
        Objects.requireNonNull(value, "key id must not be null");
        if (!BASE64URL.matcher(value).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 64 base64url characters");
        }
    }

    /** Names a public key by the first 16 bytes of the SHA-256 of its X.509 encoding: stable, and unique per key. */
    public static KeyId of(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return new KeyId(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
