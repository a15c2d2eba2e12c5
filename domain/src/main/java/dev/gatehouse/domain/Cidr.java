package dev.gatehouse.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}): the trusted proxies, and
 * the block a client is budgeted as (one IPv6 /64 is one subscriber, who can rotate through all of it). The network
 * is written one way (IPv6 as the JDK writes it, IPv4-mapped IPv6 as IPv4) and may not have host bits set, so a
 * typo such as {@code 10.0.0.1/8} is refused rather than read as something the operator may not have meant.
 */
public record Cidr(String network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        String given = network;
        byte[] bytes = IpLiterals.parse(given)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + shown(given)));
        int bits = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ", got " + prefixLength);
        }
        byte[] masked = IpLiterals.mask(bytes, prefixLength);
        if (!Arrays.equals(bytes, masked)) {
            throw new IllegalArgumentException("host bits set in " + shown(network) + "/" + prefixLength + "; did you mean "
                    + IpLiterals.format(masked) + "/" + prefixLength + "?");
        }
        network = IpLiterals.format(bytes);
    }

    /**
     * {@code address/prefix}, or an address alone for a single host. An IPv4-mapped IPv6 block
     * ({@code ::ffff:10.0.0.0/104}) is the IPv4 block it maps. A zone id ({@code %eth0}) is dropped.
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = IpLiterals.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + shown(text)));
        if (slash < 0) {
            return new Cidr(address, bytes.length * 8);
        }
        String prefix = trimmed.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("not a prefix length: " + shown(text));
        }
        int length = Integer.parseInt(prefix);
        if (bytes.length == 4 && address.indexOf(':') >= 0) {
            // Written as IPv4-mapped IPv6: the first 96 bits are the mapping.
            if (length < 96) {
                throw new IllegalArgumentException("an IPv4-mapped block needs a prefix of at least 96: " + shown(text));
            }
            length -= 96;
        }
        return new Cidr(address, length);
    }

    /** The block of {@code prefixLength} bits around {@code address}; empty when it is no IP literal. */
    public static Optional<Cidr> around(String address, int prefixLength) {
        return IpLiterals.parse(address).map(bytes -> {
            int length = Math.min(prefixLength, bytes.length * 8);
            return new Cidr(IpLiterals.format(IpLiterals.mask(bytes, length)), length);
        });
    }

    /** Whether {@code address} (an IP literal) lies in this block; never for anything else. */
    public boolean contains(String address) {
        Optional<byte[]> bytes = IpLiterals.parse(address);
        if (bytes.isEmpty()) {
            return false;
        }
        byte[] own = IpLiterals.parse(network).orElseThrow();
        return bytes.get().length == own.length && Arrays.equals(own, IpLiterals.mask(bytes.get(), prefixLength));
    }

    /** Whether this is an IPv6 block. */
    public boolean ipv6() {
        return network.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }

    private static String shown(String text) {
        return "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "'";
    }
}
