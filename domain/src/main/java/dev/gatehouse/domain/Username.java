package dev.gatehouse.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name a user logs in with: 1 to 64 characters of ASCII letters, digits and {@code . _ - @ +},
 * starting with a letter or digit. Kept as typed; compared case-insensitively through {@link #canonical()}.
 */
public record Username(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

    public Username {
        Objects.requireNonNull(value, "username must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("username must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "username may contain only letters, digits and . _ - @ + and must start with a letter or digit");
        }
    }

    /** The form uniqueness is decided on: "JohnDoe" and "johndoe" are the same account. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    public boolean sameAs(Username other) {
        return other != null && canonical().equals(other.canonical());
    }

    @Override
    public String toString() {
        return value;
    }
}
