package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * A way a client obtains tokens at the token endpoint (RFC 6749 section 1.3), by its {@code grant_type} name. Which
 * of them a registered client may use is part of its registration ({@link Client#mayUse(GrantType)}).
 */
public enum GrantType {
    /** The resource owner's password, for first-party clients only (RFC 6749 section 4.3, RFC 9700 section 2.4). */
    PASSWORD("password"),
    /** A refresh token (RFC 6749 section 6). */
    REFRESH_TOKEN("refresh_token"),
    /** An authorization code with PKCE (RFC 6749 section 4.1, RFC 7636). */
    AUTHORIZATION_CODE("authorization_code"),
    /** The client's own credentials, for a token about the client itself (RFC 6749 section 4.4). */
    CLIENT_CREDENTIALS("client_credentials");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    /** The {@code grant_type} parameter's value. */
    public String value() {
        return value;
    }

    /** The grant type this exact {@code grant_type} value names, if any. */
    public static Optional<GrantType> parse(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
