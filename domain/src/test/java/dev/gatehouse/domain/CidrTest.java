package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void reads_ipv4_blocks_and_single_hosts() {
        Cidr block = Cidr.parse("10.0.0.0/8");
        assertEquals("10.0.0.0/8", block.toString());
        assertTrue(block.contains("10.255.1.2"));
        assertFalse(block.contains("11.0.0.1"));
        assertEquals("192.0.2.7/32", Cidr.parse(" 192.0.2.7 ").toString());
        assertTrue(Cidr.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertFalse(Cidr.parse("0.0.0.0/0").contains("2001:db8::1"), "an IPv4 block holds no IPv6 address");
    }

    @Test
    void reads_ipv6_blocks_in_any_spelling_and_writes_them_one_way() {
        Cidr block = Cidr.parse("2001:DB8:0::/32");
        assertEquals("2001:db8:0:0:0:0:0:0/32", block.toString());
        assertEquals(block, Cidr.parse("2001:0db8:0000:0000:0000:0000:0000:0000/32"));
        assertTrue(block.contains("2001:db8:ffff::1"));
        assertTrue(block.contains("2001:db8:0:0:0:0:0:1"));
        assertFalse(block.contains("2001:db9::1"));
        assertFalse(block.contains("32.1.13.184"), "an IPv6 block holds no IPv4 address");
        assertEquals("0:0:0:0:0:0:0:1/128", Cidr.parse("::1").toString());
        assertTrue(Cidr.parse("::/0").contains("fe80::1"));
    }

    @Test
    void splits_prefixes_inside_a_byte() {
        Cidr block = Cidr.parse("192.168.0.0/23");
        assertTrue(block.contains("192.168.1.255"));
        assertFalse(block.contains("192.168.2.0"));
        Cidr v6 = Cidr.parse("2001:db8:80::/41");
        assertTrue(v6.contains("2001:db8:ff:ffff::1"));
        assertFalse(v6.contains("2001:db8:7f::1"));
    }

    @Test
    void takes_an_ipv4_mapped_ipv6_address_or_block_as_its_ipv4_one() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:a01:203"));
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("::ffff:10.0.0.0/104"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::ffff:10.0.0.0/64"));
    }

    @Test
    void drops_a_zone_id() {
        assertEquals("fe80:0:0:0:0:0:0:0/64", Cidr.parse("fe80::%eth0/64").toString());
        assertTrue(Cidr.parse("fe80::/64").contains("fe80::1%eth0"));
        assertTrue(Cidr.parse("fe80::/64").contains("fe80::1%25"));
        assertFalse(Cidr.parse("fe80::/64").contains("fe80::1%"), "an empty zone is no literal");
        assertFalse(Cidr.parse("fe80::/64").contains("fe80::1%eth0 evil"), "a zone holds no spaces");
    }

    @Test
    void refuses_host_bits_and_says_which_block_was_probably_meant() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/8"));
        assertTrue(refused.getMessage().contains("10.0.0.0/8"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::1/64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/ 8",
            "10.0.0.0/0x8", "10.0.0.0/1000", "::/129", "256.0.0.0/8", "01.0.0.0/8", "1.2.3/24", "1.2.3.4.5",
            "example.org", "localhost/8", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "1:2:3:4:5:6:7::8:9",
            "1.2.3.4::", "::1.2.3.4:5", "g::1", "[::1]", "[::1]/128", "::1%", "::1%a b", "10.0.0.0%eth0",
            "1111111111111111111111111111111111111111111111111111111111111111111111"})
    void refuses_garbage(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void contains_nothing_that_is_not_an_ip_literal() {
        Cidr everything = Cidr.parse("::/0");
        for (String text : new String[] {"", "unknown", "local", "::1/128", "[::1]", "2001:db8::1 ", "1::2::3"}) {
            assertFalse(everything.contains(text), text);
            assertFalse(Cidr.parse("0.0.0.0/0").contains(text), text);
        }
    }

    @Test
    void gives_the_block_around_an_address() {
        assertEquals(Optional.of(Cidr.parse("2001:db8:1:2::/64")), Cidr.around("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64));
        assertEquals(Optional.of(Cidr.parse("2001:db8:1::/48")), Cidr.around("2001:db8:1:2::5", 48));
        assertEquals(Optional.of(Cidr.parse("198.51.100.0/24")), Cidr.around("198.51.100.7", 24));
        // An IPv4 address has 32 bits; a longer prefix is the address itself.
        assertEquals(Optional.of(Cidr.parse("198.51.100.7/32")), Cidr.around("198.51.100.7", 64));
        assertEquals(Optional.empty(), Cidr.around("unknown", 64));
    }

    @Test
    void budgets_an_ipv6_client_by_its_block_and_an_ipv4_client_by_its_address() {
        ClientAddress v6 = ClientAddress.within("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64);
        assertEquals("2001:db8:1:2:aaaa:bbbb:cccc:dddd", v6.value(), "the audit trail keeps the whole address");
        assertEquals("2001:db8:1:2:0:0:0:0/64", v6.network());
        assertEquals(v6.network(), ClientAddress.within("2001:db8:1:2::1", 64).network());
        assertFalse(v6.network().equals(ClientAddress.within("2001:db8:1:3::1", 64).network()));
        assertEquals("2001:db8:1:0:0:0:0:0/48", ClientAddress.within("2001:db8:1:2::1", 48).network());

        assertEquals(new ClientAddress("198.51.100.7"), ClientAddress.within("198.51.100.7", 64));
        assertEquals(new ClientAddress("unknown"), ClientAddress.within("unknown", 64));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress("10.0.0.1", "10.0.0.0/8 x"));
    }
}
