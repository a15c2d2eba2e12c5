package dev.gatehouse.adapter.in.web;

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

    private static final ClientAddress PEER = new ClientAddress("10.0.0.5");
    /** Our proxies live in 10.0.0.0/8; the peer above is one of them. */
    private static final ClientAddressing PROXIED = ClientAddressing.behind("10.0.0.0/8", "2001:db8:ffff::/48");
    private static final ClientAddressing DIRECT = ClientAddressing.DIRECT;

    @Test
    void a_remembered_peer_is_answered_as_computed_for_each_prefix_length_and_whether_it_is_a_proxy() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(literal("2001:db8:1:2::5"), 1);
        for (int round = 0; round < 2; round++) {
            assertEquals(ClientAddress.within("2001:db8:1:2:0:0:0:5", 64), ClientAddresses.of(v6, List::of, DIRECT));
            assertEquals(ClientAddress.within("2001:db8:1:2:0:0:0:5", 48),
                    ClientAddresses.of(v6, List::of, new ClientAddressing(List.of(), 48)));
            assertEquals(address("203.0.113.7"), ClientAddresses.of(new InetSocketAddress(literal("10.0.0.5"), 1),
                    () -> List.of("203.0.113.7"), PROXIED), "a proxy's X-Forwarded-For is read every time");
            assertEquals(address("10.0.0.5"), ClientAddresses.of(new InetSocketAddress(literal("10.0.0.5"), 1),
                    () -> List.of("203.0.113.7"), DIRECT));
        }
        for (int i = 0; i < ClientAddresses.MAX_KNOWN_PEERS + 10; i++) {
            InetAddress many = InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) (i >> 8), (byte) i});
            assertEquals(address(many.getHostAddress()), ClientAddresses.of(new InetSocketAddress(many, 1), List::of, DIRECT));
        }
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.of(InetSocketAddress.createUnresolved("example.org", 1),
                List::of, DIRECT));
    }

    @Test
    void uses_the_peer_by_default_whatever_x_forwarded_for_says() {
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of("203.0.113.7"), DIRECT));
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(), DIRECT));
    }

    @Test
    void never_reads_x_forwarded_for_from_a_peer_outside_the_trusted_proxies() {
        ClientAddress stranger = new ClientAddress("192.0.2.1");
        assertEquals(stranger, ClientAddresses.resolve(stranger, List.of("203.0.113.7"), PROXIED));
        assertEquals(stranger, ClientAddresses.resolve(stranger, List.of("10.0.0.9"), PROXIED), "not even a proxy's address");
        ClientAddress v6 = ClientAddress.within("2001:db8:1:2:0:0:0:5", 64);
        assertEquals(v6, ClientAddresses.resolve(new ClientAddress("2001:db8:1:2:0:0:0:5"), List.of("203.0.113.7"), PROXIED));
    }

    @Test
    void skips_our_own_proxies_and_takes_the_rightmost_address_that_is_not_ours() {
        // client -> edge proxy 10.1.1.1 -> inner proxy 10.0.0.5 (the peer): the inner one appended the edge's address.
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6, 203.0.113.7, 10.1.1.1"), PROXIED));
        assertEquals(address("203.0.113.7"),
                ClientAddresses.resolve(PEER, List.of("203.0.113.7, 2001:db8:ffff::1, 10.1.1.1"), PROXIED));
        // Every hop is ours: the leftmost, an internal client.
        assertEquals(address("10.9.9.9"), ClientAddresses.resolve(PEER, List.of("10.9.9.9, 10.1.1.1"), PROXIED));
        // A spoofed proxy address left of a foreign one changes nothing: the walk stops at the first foreign address.
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("10.9.9.9, 203.0.113.7"), PROXIED));
    }

    @Test
    void counts_the_proxy_that_wrote_an_entry_that_is_no_address() {
        assertEquals(address("10.1.1.1"), ClientAddresses.resolve(PEER, List.of("203.0.113.7, unknown, 10.1.1.1"), PROXIED));
    }

    @Test
    void stops_a_long_chain_of_our_own_addresses_at_the_sixteenth_hop() {
        String chain = "203.0.113.7, " + String.join(", ", java.util.Collections.nCopies(40, "10.1.1.1"));
        assertEquals(address("10.1.1.1"), ClientAddresses.resolve(PEER, List.of(chain), PROXIED));
    }

    @Test
    void budgets_an_ipv6_client_as_its_block_and_keeps_its_whole_address() {
        ClientAddress resolved = ClientAddresses.resolve(PEER, List.of("2001:db8:1:2:aaaa::1"), PROXIED);
        assertEquals("2001:db8:1:2:aaaa:0:0:1", resolved.value());
        assertEquals("2001:db8:1:2:0:0:0:0/64", resolved.network());
        assertEquals(resolved.network(), ClientAddresses.resolve(PEER, List.of("2001:db8:1:2:ffff::9"), PROXIED).network());
        ClientAddressing wide = new ClientAddressing(PROXIED.trustedProxies(), 56);
        assertEquals("2001:db8:1:0:0:0:0:0/56", ClientAddresses.resolve(PEER, List.of("2001:db8:1:2::1"), wide).network());
        assertEquals("203.0.113.7", ClientAddresses.resolve(PEER, List.of("203.0.113.7"), PROXIED).network());
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
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("203.0.113.7"), PROXIED));
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6, 203.0.113.7"), PROXIED));
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6,203.0.113.7"), PROXIED));
        // Several header lines are one list, in order.
        assertEquals(address("203.0.113.7"), ClientAddresses.resolve(PEER, List.of("6.6.6.6", "7.7.7.7, 203.0.113.7"), PROXIED));
    }

    @Test
    void falls_back_to_the_peer_when_the_rightmost_entry_is_no_address() {
        for (String header : List.of("6.6.6.6, unknown", "6.6.6.6, ", "6.6.6.6,", "", " ", "example.org", "6.6.6.6, _hidden",
                "6.6.6.6, 203.0.113.7 extra", "6.6.6.6, 256.0.0.1", "6.6.6.6, 01.2.3.4", "6.6.6.6, 1.2.3",
                "6.6.6.6, 1:2:3:4:5:6:7:8:9", "6.6.6.6, [::1", "6.6.6.6, [::1]x", "6.6.6.6, 1.2.3.4:port",
                "6.6.6.6, " + "1".repeat(100))) {
            assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(header), PROXIED), header);
        }
        assertEquals(address("10.0.0.5"), ClientAddresses.resolve(PEER, List.of(), PROXIED));
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
