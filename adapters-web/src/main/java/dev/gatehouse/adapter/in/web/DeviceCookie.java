package dev.gatehouse.adapter.in.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The known-device credential as a cookie: scoped to {@code /token}, hidden from scripts, never sent on
 * cross-site requests, and HTTPS-only unless {@link WebSettings#secureCookies()} is off.
 */
final class DeviceCookie {

    static final String NAME = "gatehouse_device";
    /** A genuine credential is a few hundred characters; a longer value is not even looked at. */
    static final int MAX_VALUE_CHARS = 1024;
    private static final String PATH = "/token";
    /** RFC 6265 section 4.1.1 cookie-octet: printable ASCII except space, {@code " , ; \}. */
    private static final Pattern COOKIE_OCTETS = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");

    private DeviceCookie() {
    }

    /**
     * The first well-formed {@value #NAME} cookie of the request's {@code Cookie} lines; malformed pairs and
     * oversized values are skipped.
     */
    static Optional<String> read(List<String> cookieHeaders) {
        return read(cookieHeaders, NAME);
    }

    /** The first well-formed cookie named {@code name}, read as {@link #read(List)} reads the device cookie. */
    static Optional<String> read(List<String> cookieHeaders, String name) {
        for (String line : cookieHeaders) {
            for (String pair : line.split(";")) {
                int equals = pair.indexOf('=');
                if (equals < 0 || !pair.substring(0, equals).strip().equals(name)) {
                    continue;
                }
                Optional<String> value = value(pair.substring(equals + 1).strip());
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code Set-Cookie} header carrying {@code credential}, or empty when it could not travel in one. */
    static Optional<Header> write(String credential, Duration lifetime, boolean secure) {
        return write(NAME, credential, PATH, Optional.of(lifetime), "Strict", secure);
    }

    /**
     * A {@code Set-Cookie} header for a cookie hidden from scripts, scoped to {@code path}, living {@code lifetime}
     * (none: until the browser closes), or empty when the value could not travel in one.
     */
    static Optional<Header> write(String name, String value, String path, Optional<Duration> lifetime, String sameSite,
                                  boolean secure) {
        if (value.isEmpty() || value.length() > MAX_VALUE_CHARS || !COOKIE_OCTETS.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(HeaderValues.create(HeaderNames.SET_COOKIE, name + "=" + value
                + "; Path=" + path
                + lifetime.map(duration -> "; Max-Age=" + duration.toSeconds()).orElse("")
                + "; HttpOnly; SameSite=" + sameSite
                + (secure ? "; Secure" : "")));
    }

    /** A cookie value may be quoted (RFC 6265); the quotes are not part of it. */
    private static Optional<String> value(String raw) {
        String value = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
        if (value.isEmpty() || value.length() > MAX_VALUE_CHARS || !COOKIE_OCTETS.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
