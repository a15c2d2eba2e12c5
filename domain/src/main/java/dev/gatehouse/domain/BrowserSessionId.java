package dev.gatehouse.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One browser's sign-in at the sign-in page: 128 random bits in unpadded base64url, carried inside the sealed browser
 * session cookie and, as {@code sid}, in the ID tokens issued from it (OpenID Connect RP-Initiated Logout), so that
 * logging out can end it, and every copy of its cookie, on every instance at once.
 */
public record BrowserSessionId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public BrowserSessionId {
        Objects.requireNonNull(value, "browser session id must not be null");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a browser session id is 22 base64url characters (128 bits)");
        }
    }

    public static BrowserSessionId newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new BrowserSessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The id this text is; empty for anything else. */
    public static Optional<BrowserSessionId> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new BrowserSessionId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
