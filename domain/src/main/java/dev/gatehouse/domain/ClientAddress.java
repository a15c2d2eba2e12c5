package dev.gatehouse.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a request came from (an IP address as the web layer saw it), for per-client throttling and audit.
 * {@code network} is what the client is budgeted as: the address itself for IPv4, the block around it for IPv6,
 * where one subscriber holds a whole /64 and could otherwise take a fresh budget with every request (see
 * {@link #within(String, int)}). Restricted to the characters of IPv4/IPv6 literals and CIDR blocks, so it is
 * safe in logs and keys.
 */
public record ClientAddress(String value, String network) {

    public static final int MAX_LENGTH = 64;
    // Declared before LOCAL: static fields initialise in order, and LOCAL's constructor needs them.
    private static final Pattern SAFE = Pattern.compile("[0-9A-Za-z.:%_-]+");
    private static final Pattern SAFE_NETWORK = Pattern.compile("[0-9A-Za-z.:%_-]+(/[0-9]{1,3})?");
    /** For work that has no network client, such as seeding or a command-line task. */
    public static final ClientAddress LOCAL = new ClientAddress("local");

    public ClientAddress {
        Objects.requireNonNull(value, "client address must not be null");
        Objects.requireNonNull(network, "client network must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("client address must be an IP address literal");
        }
        if (network.isEmpty() || network.length() > MAX_LENGTH || !SAFE_NETWORK.matcher(network).matches()) {
            throw new IllegalArgumentException("client network must be an IP address literal or CIDR block");
        }
    }

    /** A client budgeted on its own, such as an IPv4 address or a name like {@link #LOCAL}. */
    public ClientAddress(String value) {
        this(value, value);
    }

    /**
     * An address budgeted as its network: IPv4 on its own, IPv6 as the block of {@code ipv6PrefixLength} bits around
     * it; anything that is no IP literal on its own.
     */
    public static ClientAddress within(String address, int ipv6PrefixLength) {
        return Cidr.around(address, ipv6PrefixLength)
                .filter(Cidr::ipv6)
                .map(block -> new ClientAddress(address, block.toString()))
                .orElseGet(() -> new ClientAddress(address));
    }

    @Override
    public String toString() {
        return value;
    }
}
