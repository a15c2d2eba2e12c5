package dev.gatehouse.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A resource server a token is meant for, as named in its {@code aud} claim (RFC 7519 section 4.1.3) and asked for
 * with a resource indicator (RFC 8707): 1 to 2048 printable ASCII characters without space, quote or backslash,
 * usually the API's absolute URI ({@code https://api.example.com}), or a plain name such as {@code orders}.
 */
public record Audience(String value) {

    public static final int MAX_LENGTH = 2048;

    public Audience {
        Objects.requireNonNull(value, "audience must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("an audience is 1 to " + MAX_LENGTH
                    + " printable ASCII characters without space, quote or backslash");
        }
    }

    /** The audience this text names, or empty when it could not name one. */
    public static Optional<Audience> parse(String text) {
        try {
            return Optional.of(new Audience(text));
        } catch (IllegalArgumentException | NullPointerException notOne) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
