package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a request came from (an IP address as the web layer saw it), for per-client throttling and audit.
 * Restricted to the characters of IPv4/IPv6 literals so it is safe in logs and keys.
 */
public record ClientAddress(String value) {

    public static final int MAX_LENGTH = 64;
    // Declared before LOCAL: static fields initialise in order, and LOCAL's constructor needs it.
    private static final Pattern SAFE = Pattern.compile("[0-9A-Za-z.:%_-]+");
    /** For work that has no network client, such as seeding or a command-line task. */
    public static final ClientAddress LOCAL = new ClientAddress("local");

    public ClientAddress {
        Objects.requireNonNull(value, "client address must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("client address must be an IP address literal");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
