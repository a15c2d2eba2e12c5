package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A syntactically plausible e-mail address (RFC 5321 length limits, one {@code @}, no spaces). */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public EmailAddress {
        Objects.requireNonNull(value, "email must not be null");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("email must be at most " + MAX_LENGTH + " characters");
        }
        if (!SHAPE.matcher(value).matches() || containsControlCharacter(value)) {
            throw new IllegalArgumentException("email is not a valid address");
        }
    }

    private static boolean containsControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return value;
    }
}
