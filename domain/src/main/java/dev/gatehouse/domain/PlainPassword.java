package dev.gatehouse.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;

/**
 * A password as the user typed it. Only a password hasher, the password rules and a password directory read it;
 * {@link #toString()} is redacted so it cannot reach a log by accident. At most {@value #MAX_BYTES} bytes of UTF-8,
 * so that an oversized input is refused before any hashing work is spent on it. What is hashed and checked is its
 * {@link #normalized()} form, so the same password typed on another system is the same password (a directory
 * receives the {@link #value()} as typed and applies its own rules).
 */
public record PlainPassword(String value) {

    public static final int MAX_BYTES = 1024;

    public PlainPassword {
        Objects.requireNonNull(value, "password must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        // Cheap bound first: a UTF-8 character takes at most 3 bytes per UTF-16 unit.
        if (value.length() > MAX_BYTES || value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("password must be at most " + MAX_BYTES + " bytes");
        }
    }

    /**
     * The password in Unicode normalization form NFKC (NIST SP 800-63B 5.1.1.2): composed and decomposed accents,
     * full-width and other compatibility forms of one password are one password, and the policy judges what is
     * hashed (full-width "ｐａｓｓｗｏｒｄ" is "password").
     */
    public String normalized() {
        return Normalizer.isNormalized(value, Normalizer.Form.NFKC) ? value : Normalizer.normalize(value, Normalizer.Form.NFKC);
    }

    /** Length of the {@link #normalized()} password in Unicode code points, the unit password rules are stated in. */
    public int length() {
        String normalized = normalized();
        return normalized.codePointCount(0, normalized.length());
    }

    @Override
    public String toString() {
        return "PlainPassword[redacted]";
    }
}
