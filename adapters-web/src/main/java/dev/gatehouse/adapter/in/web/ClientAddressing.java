package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.Cidr;
import dev.gatehouse.domain.ClientAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where a client address comes from and what it is budgeted as. {@code trustedProxies}: the peers whose
 * {@code X-Forwarded-For} is believed (our own reverse proxies); empty, the header is never read, whoever sends it.
 * {@code ipv6PrefixLength}: an IPv6 client is budgeted as the block of this many bits around its address (a /64
 * is one subscriber's, who can pick any address in it); IPv4 clients are budgeted per address.
 */
public record ClientAddressing(List<Cidr> trustedProxies, int ipv6PrefixLength) {

    public static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;
    /** Clients connect directly: no proxy is trusted. */
    public static final ClientAddressing DIRECT = new ClientAddressing(List.of(), DEFAULT_IPV6_PREFIX_LENGTH);

    public ClientAddressing {
        trustedProxies = List.copyOf(trustedProxies);
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 1 to 128, got " + ipv6PrefixLength);
        }
    }

    /** Behind the proxies of {@code blocks} (CIDR text), with the default IPv6 prefix. */
    public static ClientAddressing behind(String... blocks) {
        return new ClientAddressing(List.of(blocks).stream().map(Cidr::parse).toList(), DEFAULT_IPV6_PREFIX_LENGTH);
    }

    /** Whether {@code address} is one of our proxies, so what it says about the client is believed. */
    boolean trusts(ClientAddress address) {
        Objects.requireNonNull(address, "address");
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address.value())) {
                return true;
            }
        }
        return false;
    }

    /** The address, budgeted as its network. */
    ClientAddress budgeted(ClientAddress address) {
        return ClientAddress.within(address.value(), ipv6PrefixLength);
    }
}
