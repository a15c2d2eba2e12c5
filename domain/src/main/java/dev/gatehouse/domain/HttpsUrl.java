package dev.gatehouse.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of the URLs a client registers (redirect URIs, key set URLs), read by a strict pattern rather than
 * {@code java.net} (the domain does no I/O): {@code https}, or {@code http} to the loopback interface, a host
 * name, IPv4 or bracketed IPv6 address, an optional port, path and query of RFC 3986's characters; no user
 * information, no fragment.
 */
final class HttpsUrl {

    private static final String PCHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
    private static final Pattern URL = Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://"
            + "(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~-]+)(?::(?<port>[0-9]{1,5}))?"
            + "(?<path>/(?:" + PCHAR + "|/)*)?(?<query>\\?(?:" + PCHAR + "|[/?])*)?");

    /** A URL's parts; {@code rest} is its path and query as written. */
    record Parts(String scheme, String host, Optional<Integer> port, String rest) {

        boolean loopbackHttp() {
            return scheme.equals("http") && isLoopback(host);
        }
    }

    private HttpsUrl() {
    }

    /** The parts of an acceptable URL, or a sentence saying why it is not one. */
    static Parts parse(String text, String what) {
        if (text.indexOf('#') >= 0) {
            throw new IllegalArgumentException(what + " must not have a fragment, got '" + printable(text) + "'");
        }
        Matcher url = URL.matcher(text);
        if (!url.matches()) {
            throw new IllegalArgumentException(what + " must be an absolute URL with a host and no user information, got '"
                    + printable(text) + "'");
        }
        String scheme = url.group("scheme").toLowerCase(Locale.ROOT);
        String host = url.group("host");
        Optional<Integer> port = Optional.ofNullable(url.group("port")).map(Integer::valueOf);
        if (port.filter(number -> number < 1 || number > 65_535).isPresent()) {
            throw new IllegalArgumentException(what + " has no such port, got '" + printable(text) + "'");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            throw new IllegalArgumentException(what + " must be https, or http to 127.0.0.1, [::1] or localhost (RFC 8252), got '"
                    + printable(text) + "'");
        }
        String rest = (url.group("path") == null ? "" : url.group("path")) + (url.group("query") == null ? "" : url.group("query"));
        return new Parts(scheme, host, port, rest);
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost");
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
