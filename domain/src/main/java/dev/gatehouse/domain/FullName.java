package dev.gatehouse.domain;

import java.util.Objects;

/** A display name: 1 to 200 characters, no control characters, not only white space. */
public record FullName(String value) {

    public static final int MAX_LENGTH = 200;

    public FullName {
        Objects.requireNonNull(value, "full name must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("full name must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("full name must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("full name must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
