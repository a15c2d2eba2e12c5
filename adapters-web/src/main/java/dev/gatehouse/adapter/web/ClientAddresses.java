package dev.gatehouse.adapter.web;

import dev.gatehouse.domain.ClientAddress;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which address a request came from, for throttling and the audit trail. By default the TCP peer;
 * behind our own proxy ({@link WebSettings#trustForwardedFor()}) the rightmost {@code X-Forwarded-For} entry,
 * which that proxy appended. Entries further left were written by the client and prove nothing, so they are
 * never used: when the rightmost entry is not an IP literal, the peer is the answer.
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

    private ClientAddresses() {
    }

    static ClientAddress of(ServerRequest request, boolean trustForwardedFor) {
        List<String> forwardedFor = trustForwardedFor
                ? request.headers().all(HeaderNames.X_FORWARDED_FOR, List::of)
                : List.of();
        return resolve(request.remotePeer().address(), forwardedFor, trustForwardedFor);
    }

    /** {@code forwardedFor} holds the header's lines in the order received; together they are one list. */
    static ClientAddress resolve(SocketAddress peer, List<String> forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            Optional<ClientAddress> forwarded = rightmostEntry(forwardedFor).flatMap(ClientAddresses::forwardedEntry);
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
        }
        return peer(peer);
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

    private static Optional<String> rightmostEntry(List<String> forwardedFor) {
        if (forwardedFor.isEmpty()) {
            return Optional.empty();
        }
        String last = forwardedFor.getLast();
        return Optional.of(last.substring(last.lastIndexOf(',') + 1));
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
