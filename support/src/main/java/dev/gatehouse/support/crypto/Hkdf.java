package dev.gatehouse.support.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869), the one implementation every adapter derives keys with: the subkeys of the configured
 * secret (token signing, known devices) and the key-encryption keys of stored signing keys.
 */
public final class Hkdf {

    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /** RFC 5869: HKDF-Extract then HKDF-Expand to {@code length} bytes (at most 255 blocks). */
    public static byte[] sha256(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, inputKeyMaterial);
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
