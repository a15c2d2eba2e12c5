package dev.gatehouse.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes IP address literals without a resolver (the domain does no I/O): IPv4 in dotted decimal
 * without leading zeros, IPv6 in any RFC 4291 spelling with an optional zone id, which is dropped. An IPv4-mapped
 * IPv6 address is its IPv4 address, so one client has one spelling.
 */
final class IpLiterals {

    /** Longer text is no literal (the longest IPv6 spelling with an IPv4 tail is 45 characters), not even parsed. */
    private static final int MAX_CHARS = 64;
    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern ZONE = Pattern.compile("[0-9A-Za-z._-]{1,32}");

    private IpLiterals() {
    }

    /** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6; empty for anything else. */
    static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        return ipv6(text).map(IpLiterals::unmapped);
    }

    /** IPv4 dotted, IPv6 as eight groups of lowercase hex without leading zeros (the JDK's spelling). */
    static String format(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        if (bytes.length == 4) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(bytes[i] & 0xFF);
            }
            return text.toString();
        }
        for (int i = 0; i < 16; i += 2) {
            text.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
        }
        return text.toString();
    }

    /** The first {@code prefixLength} bits of {@code bytes}, the rest zero. */
    static byte[] mask(byte[] bytes, int prefixLength) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
            masked[i] = (byte) (masked[i] & (0xFF00 >> keep));
        }
        return masked;
    }

    private static Optional<byte[]> ipv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }

    private static Optional<byte[]> ipv6(String text) {
        String address = text;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            if (!ZONE.matcher(text.substring(percent + 1)).matches()) {
                return Optional.empty();
            }
            address = text.substring(0, percent);
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (gap < 0) {
            if (!groups(address, head, true)) {
                return Optional.empty();
            }
        } else if (!groups(address.substring(0, gap), head, false) || !groups(address.substring(gap + 2), tail, true)) {
            return Optional.empty();
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            put(bytes, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            put(bytes, 8 - tail.size() + i, tail.get(i));
        }
        return Optional.of(bytes);
    }

    /**
     * Colon-separated hex groups, the last of which may be an IPv4 tail (two groups) when {@code last}, as only the
     * end of an address may be; empty text is no groups. False for anything else.
     */
    private static boolean groups(String text, List<Integer> into, boolean last) {
        if (text.isEmpty()) {
            return true;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
                Optional<byte[]> v4 = ipv4(part);
                if (v4.isEmpty()) {
                    return false;
                }
                byte[] b = v4.get();
                into.add(((b[0] & 0xFF) << 8) | (b[1] & 0xFF));
                into.add(((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
            } else if (HEX_GROUP.matcher(part).matches()) {
                into.add(Integer.parseInt(part, 16));
            } else {
                return false;
            }
        }
        return true;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[group * 2] = (byte) (value >> 8);
        bytes[group * 2 + 1] = (byte) value;
    }

    /** {@code ::ffff:a.b.c.d} is a.b.c.d. */
    private static byte[] unmapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
