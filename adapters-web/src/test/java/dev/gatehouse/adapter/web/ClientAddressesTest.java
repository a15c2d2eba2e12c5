package dev.gatehouse.adapter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.ClientAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final InetSocketAddress PEER = new InetSocketAddress(literal("10.0.0.5"), 40000);

    @Test
    void uses_the_peer_by_default_whatever_x_forwarded_for_says() {
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of("203.0.113.7"), false));
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(), false));
    }

    @Test
    void writes_an_ipv6_peer_without_brackets_or_scope() throws UnknownHostException {
        assertEquals(address("0:0:0:0:0:0:0:1"), ClientAddresses.peer(new InetSocketAddress(literal("::1"), 1)));
        InetAddress scoped = java.net.Inet6Address.getByAddress(null, literal("fe80::1").getAddress(), 7);
        assertEquals(address("fe80:0:0:0:0:0:0:1"), ClientAddresses.peer(new InetSocketAddress(scoped, 1)));
    }

    @Test
    void lumps_peers_without_an_ip_address_together() {
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.peer(InetSocketAddress.createUnresolved("example.org", 1)));
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.peer(null));
    }

    @Test
    void takes_the_rightmost_entry_when_trusted_and_ignores_spoofed_ones_to_its_left() {
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("203.0.113.7"), true));
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6, 203.0.113.7"), true));
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6,203.0.113.7"), true));
        // Several header lines are one list, in order.
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6", "7.7.7.7, 203.0.113.7"), true));
    }

    @Test
    void falls_back_to_the_peer_when_the_rightmost_entry_is_no_address() {
        for (String header : List.of("6.6.6.6, unknown", "6.6.6.6, ", "6.6.6.6,", "", " ", "example.org", "6.6.6.6, _hidden",
                "6.6.6.6, 203.0.113.7 extra", "6.6.6.6, 256.0.0.1", "6.6.6.6, 01.2.3.4", "6.6.6.6, 1.2.3",
                "6.6.6.6, 1:2:3:4:5:6:7:8:9", "6.6.6.6, [::1", "6.6.6.6, [::1]x", "6.6.6.6, 1.2.3.4:port",
                "6.6.6.6, " + "1".repeat(100))) {
            assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(header), true), header);
        }
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(), true));
    }

    @Test
    void reads_the_spellings_proxies_use() {
        assertEquals(Optional.of(address("203.0.113.7")), ClientAddresses.forwardedEntry(" 203.0.113.7 "));
        assertEquals(Optional.of(address("203.0.113.7")), ClientAddresses.forwardedEntry("203.0.113.7:4711"));
        assertEquals(Optional.of(address("2001:db8:0:0:0:0:0:1")), ClientAddresses.forwardedEntry("2001:db8::1"));
        assertEquals(Optional.of(address("2001:db8:0:0:0:0:0:1")), ClientAddresses.forwardedEntry("[2001:db8::1]"));
        assertEquals(Optional.of(address("2001:db8:0:0:0:0:0:1")), ClientAddresses.forwardedEntry("[2001:db8::1]:4711"));
        assertEquals(Optional.of(address("fe80:0:0:0:0:0:0:1")), ClientAddresses.forwardedEntry("fe80::1%eth0"));
        assertEquals(Optional.of(address("2001:db8:0:0:0:0:0:1")), ClientAddresses.forwardedEntry("2001:DB8:0::1"));
    }

    @Test
    void writes_each_address_one_way() {
        // An IPv4-mapped IPv6 address is the IPv4 address, so it shares that address's budget.
        assertEquals(Optional.of(address("203.0.113.7")), ClientAddresses.forwardedEntry("::ffff:203.0.113.7"));
        assertEquals(ClientAddresses.forwardedEntry("2001:db8::1"), ClientAddresses.forwardedEntry("2001:0db8:0000::0001"));
    }

    @Test
    void never_resolves_a_host_name() {
        long started = System.nanoTime();
        for (String name : List.of("localhost", "example.org", "cafe", "face:book", "[localhost]", "[cafe]")) {
            assertTrue(ClientAddresses.forwardedEntry(name).isEmpty(), name);
        }
        // A lookup would take a resolver round trip; parsing takes microseconds.
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
    }

    private static ClientAddress address(String value) {
        return new ClientAddress(value);
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
