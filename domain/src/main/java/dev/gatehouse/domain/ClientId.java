package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a registered OAuth2 client application (RFC 6749 section 2.2), sent as {@code client_id} and carried
 * in access tokens: 1 to 64 printable ASCII characters without space, quote or backslash (the characters of a scope
 * token), so it is safe in a JSON claim, a form field, a log line and a setting.
 */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1," + MAX_LENGTH + "}");

    public ClientId {
        Objects.requireNonNull(value, "client id must not be null");
        if (!CLIENT_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("a client id is 1 to " + MAX_LENGTH
                    + " printable ASCII characters without space, quote or backslash");
        }
    }

    /** The client id this text names, or empty when it could never name one. */
    public static java.util.Optional<ClientId> parse(String text) {
        try {
            return java.util.Optional.of(new ClientId(text));
        } catch (IllegalArgumentException | NullPointerException notAClientId) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
