package dev.gatehouse.domain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared secret of a time-based one-time password (RFC 6238): 160 random bits, as RFC 4226 recommends for
 * HMAC-SHA-1. Shown to its owner once, as base32 (RFC 4648, no padding) in an {@code otpauth://} URI; never printed.
 */
public final class TotpSecret {

    /** 160 bits. */
    public static final int BYTES = 20;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final byte[] bytes;

    public TotpSecret(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a TOTP secret has " + BYTES + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A fresh secret from {@code random}. */
    public static TotpSecret generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new TotpSecret(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** RFC 4648 base32 without padding, as authenticator apps read it. */
    public String base32() {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[redacted]";
    }
}
