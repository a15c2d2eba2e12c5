package dev.gatehouse.domain;

import java.util.Objects;

/**
 * A password hash in its self-describing encoded form (PHC string such as {@code $argon2id$v=19$m=...}),
 * which names the algorithm and parameters so a hasher can tell when it must be upgraded.
 */
public record PasswordHash(String encoded) {

    public static final int MAX_LENGTH = 512;

    public PasswordHash {
        Objects.requireNonNull(encoded, "password hash must not be null");
        if (!encoded.startsWith("$") || encoded.length() > MAX_LENGTH || encoded.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("password hash must be an encoded ($algorithm$...) string");
        }
    }

    /** The algorithm identifier, e.g. {@code argon2id}. */
    public String algorithm() {
        int end = encoded.indexOf('$', 1);
        return end < 0 ? encoded.substring(1) : encoded.substring(1, end);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm() + ", redacted]";
    }
}
