package dev.gatehouse.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A redirection endpoint registered for a client (RFC 6749 section 3.1.2): an absolute URI without fragment, over
 * https, or plain http only to the loopback interface ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}) where a
 * native app listens (RFC 8252 section 7.3). No user information (it makes a URI read as another host) and no
 * wildcards: a presented URI must match a registered one exactly, as a string, except that a loopback one may
 * name any port (RFC 8252 section 7.3, RFC 9700 section 4.1.3).
 */
public record RedirectUri(String value) {

    public static final int MAX_LENGTH = 2048;

    public RedirectUri {
        Objects.requireNonNull(value, "redirect uri must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a redirect URI is 1 to " + MAX_LENGTH + " printable ASCII characters without space");
        }
        HttpsUrl.parse(value, "a redirect URI");
    }

    /** The redirect URI this text is, or empty when it could not be one. */
    public static Optional<RedirectUri> parse(String text) {
        try {
            return Optional.of(new RedirectUri(text));
        } catch (IllegalArgumentException | NullPointerException notOne) {
            return Optional.empty();
        }
    }

    /** Whether this plain-http URI points at the loopback interface, where any port is accepted. */
    public boolean isLoopback() {
        return HttpsUrl.parse(value, "a redirect URI").loopbackHttp();
    }

    /**
     * Whether a presented URI is this registered one: the same string, or, for a loopback URI, the same string once
     * the port is left out of both (a native app gets its port from the system at each start).
     */
    public boolean matches(RedirectUri presented) {
        Objects.requireNonNull(presented, "presented");
        if (value.equals(presented.value)) {
            return true;
        }
        HttpsUrl.Parts registered = HttpsUrl.parse(value, "a redirect URI");
        HttpsUrl.Parts other = HttpsUrl.parse(presented.value, "a redirect URI");
        // Exact but for the port: the scheme and host as written, the path and query as written.
        return registered.loopbackHttp() && other.loopbackHttp()
                && value.substring(0, value.indexOf(':')).equals(presented.value.substring(0, presented.value.indexOf(':')))
                && registered.host().equals(other.host()) && registered.rest().equals(other.rest());
    }

    @Override
    public String toString() {
        return value;
    }
}
