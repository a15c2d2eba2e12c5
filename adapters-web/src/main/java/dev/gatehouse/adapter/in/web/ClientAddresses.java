package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.ClientAddress;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides which address a request came from, for throttling and the audit trail. The TCP peer, unless it is one
 * of our trusted proxies ({@link ClientAddressing#trustedProxies()}): then {@code X-Forwarded-For} is read from the
 * right, each entry written by the hop to its right, skipping our own proxies, and the first address that is not
 * ours is the client. Entries further left were written by the client and prove nothing, so they are never used.
 * When an entry is not an IP literal, the hop that wrote it is the answer. The result is budgeted as its network
 * ({@link ClientAddressing#budgeted}): an IPv6 client as its /64.
 */
final class ClientAddresses {

    /** For a peer that is not an IP socket; lumps such peers together rather than failing the request. */
    static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    /** Hex digits, colons and an embedded IPv4 tail; nothing a resolver could take for a host name. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    /** Longer entries are not addresses; not even parsed. */
    private static final int MAX_ENTRY_CHARS = 64;
    /** A chain of our own proxies is short; a longer walk is an attacker's header, and stops at the hop reached. */
    private static final int MAX_HOPS = 16;

    /**
     * The peers seen lately, remembered: their text form, two validations and a CIDR block were 11 % of a saturated
     * {@code GET /users/me}'s CPU (bench/README.md, "The request path"). Emptied when full, so a client with many
     * addresses costs the computation again, never memory.
     */
    private static final Map<PeerKey, KnownPeer> KNOWN_PEERS = new ConcurrentHashMap<>();
    static final int MAX_KNOWN_PEERS = 4_096;

    private ClientAddresses() {
    }

    static ClientAddress of(ServerRequest request, ClientAddressing addressing) {
        return of(request.remotePeer().address(), () -> request.headers().all(HeaderNames.X_FORWARDED_FOR, List::of),
                addressing);
    }

    /** {@code forwardedFor} is read only when the peer is a trusted proxy. */
    static ClientAddress of(SocketAddress peer, Supplier<List<String>> forwardedFor, ClientAddressing addressing) {
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return resolve(UNKNOWN, List.of(), addressing);
        }
        KnownPeer known = known(socket.getAddress(), addressing);
        return addressing.trusts(known.peer()) ? resolve(known.peer(), forwardedFor.get(), addressing) : known.budgeted();
    }

    /** A peer's canonical address and what it is budgeted as: both depend on the address and the prefix alone. */
    private record KnownPeer(ClientAddress peer, ClientAddress budgeted) {
    }

    private record PeerKey(InetAddress address, int ipv6PrefixLength) {
    }

    private static KnownPeer known(InetAddress address, ClientAddressing addressing) {
        PeerKey key = new PeerKey(address, addressing.ipv6PrefixLength());
        KnownPeer known = KNOWN_PEERS.get(key);
        if (known == null) {
            ClientAddress peer = canonical(address);
            known = new KnownPeer(peer, addressing.budgeted(peer));
            if (KNOWN_PEERS.size() >= MAX_KNOWN_PEERS) {
                KNOWN_PEERS.clear();
            }
            KNOWN_PEERS.put(key, known);
        }
        return known;
    }

    /** {@code forwardedFor} holds the header's lines in the order received; together they are one list. */
    static ClientAddress resolve(ClientAddress peer, List<String> forwardedFor, ClientAddressing addressing) {
        ClientAddress hop = peer;
        List<String> entries = entries(forwardedFor);
        for (int i = entries.size() - 1; i >= 0 && entries.size() - i <= MAX_HOPS && addressing.trusts(hop); i--) {
            Optional<ClientAddress> previous = forwardedEntry(entries.get(i));
            if (previous.isEmpty()) {
                break;
            }
            hop = previous.get();
        }
        return addressing.budgeted(hop);
    }

    static ClientAddress peer(SocketAddress peer) {
        if (peer instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return canonical(socket.getAddress());
        }
        return UNKNOWN;
    }

    /**
     * An IP literal alone, or as proxies also write it: IPv4 with a port, IPv6 in brackets with or without a
     * port. Empty for anything else, including host names, which are never resolved.
     */
    static Optional<ClientAddress> forwardedEntry(String entry) {
        String text = entry.strip();
        if (text.length() > MAX_ENTRY_CHARS) {
            return Optional.empty();
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
                return Optional.empty();
            }
            return ipv6(text.substring(1, close));
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            // One colon: IPv4 with a port.
            return PORT.matcher(text.substring(colon + 1)).matches() ? ipv4(text.substring(0, colon)) : Optional.empty();
        }
        return colon < 0 ? ipv4(text) : ipv6(text);
    }

    private static List<String> entries(List<String> forwardedFor) {
        List<String> entries = new ArrayList<>();
        for (String line : forwardedFor) {
            entries.addAll(List.of(line.split(",", -1)));
        }
        return entries;
    }

    private static Optional<ClientAddress> ipv4(String text) {
        return IPV4.matcher(text).matches() ? Optional.of(new ClientAddress(text)) : Optional.empty();
    }

    /** The scope ({@code %eth0}) is local to the machine that wrote it, so it is dropped. */
    private static Optional<ClientAddress> ipv6(String text) {
        int percent = text.indexOf('%');
        String address = percent < 0 ? text : text.substring(0, percent);
        if (!IPV6_CHARACTERS.matcher(address).matches() || address.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            // In brackets the JDK only parses an IPv6 literal and never asks a resolver.
            return Optional.of(canonical(InetAddress.getByName("[" + address + "]")));
        } catch (UnknownHostException | RuntimeException notALiteral) {
            return Optional.empty();
        }
    }

    /**
     * One spelling per address, so a client cannot reset its budget by writing its address differently: the JDK's
     * text form without scope, and an IPv4-mapped IPv6 address as plain IPv4.
     */
    private static ClientAddress canonical(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int percent = text.indexOf('%');
            text = percent < 0 ? text : text.substring(0, percent);
        }
        return new ClientAddress(text);
    }
}
