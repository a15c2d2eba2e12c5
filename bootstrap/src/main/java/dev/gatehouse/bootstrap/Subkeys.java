package dev.gatehouse.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One configured secret ({@code GATEHOUSE_JWT_SECRET}), one key per purpose: HKDF-SHA256 (RFC 5869) with a distinct
 * {@code info} label each, so a MAC or a key made for one purpose is worthless for another and none of them is the
 * secret itself. The key-encryption key is derived the same way inside {@code SigningKeyEncryption} (its own label),
 * unchanged so that stored keys stay readable.
 */
final class Subkeys {

    /** The HS256 access-token signing key. */
    static final String TOKEN_SIGNING = "gatehouse access-token signing HS256 v1";
    /** The MAC key of known-device credentials. */
    static final String KNOWN_DEVICES = "gatehouse known-device credentials v1";

    private static final int LENGTH = 32;

    private Subkeys() {
    }

    /** HKDF-SHA256 with an all-zero salt: 32 bytes for {@code purpose}. */
    static byte[] derive(byte[] secret, String purpose) {
        return hkdf(new byte[LENGTH], secret, purpose.getBytes(StandardCharsets.UTF_8), LENGTH);
    }

    /** RFC 5869: HKDF-Extract then HKDF-Expand to {@code length} bytes (at most 255 blocks). */
    static byte[] hkdf(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[LENGTH] : salt, inputKeyMaterial);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        try {
            for (int counter = 1, written = 0; written < length; counter++) {
                byte[] input = new byte[block.length + info.length + 1];
                System.arraycopy(block, 0, input, 0, block.length);
                System.arraycopy(info, 0, input, block.length, info.length);
                input[input.length - 1] = (byte) counter;
                block = hmac(pseudoRandomKey, input);
                int take = Math.min(block.length, length - written);
                System.arraycopy(block, 0, output, written, take);
                written += take;
            }
            return output;
        } finally {
            Arrays.fill(pseudoRandomKey, (byte) 0);
            Arrays.fill(block, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA256", impossible);
        }
    }
}
