package dev.gatehouse.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password as the user typed it. Only a password hasher reads {@link #value()}; {@link #toString()} is
 * redacted so it cannot reach a log by accident. At most {@value #MAX_BYTES} bytes of UTF-8, so that an
 * oversized input is refused before any hashing work is spent on it.
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

    /** Length in Unicode code points, the unit password rules are stated in. */
    public int length() {
        return value.codePointCount(0, value.length());
    }

    @Override
    public String toString() {
        return "PlainPassword[redacted]";
    }
}
