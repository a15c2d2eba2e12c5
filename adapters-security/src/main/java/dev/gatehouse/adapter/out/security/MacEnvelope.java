package dev.gatehouse.adapter.out.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope of the stateless credentials this module signs (seals, known-device credentials):
 * {@code base64url(payload) + "." + base64url(HMAC-SHA256(key, payload))}, the payload ASCII fields joined by
 * {@code |}. Opening it answers the payload only for an envelope this key made, spelled canonically, and never throws
 * on what a forger sends.
 */
final class MacEnvelope {

    static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final int maxChars;

    /** @param key copied; {@code maxChars} bounds the work a forged envelope can cause */
    MacEnvelope(byte[] key, int maxChars) {
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
        this.maxChars = maxChars;
    }

    /** The envelope of these fields, joined by {@code |}. */
    String wrap(String... fields) {
        byte[] payload = String.join("|", fields).getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key, payload));
    }

    /** The fields of an envelope this key made; empty for anything else (forged, altered, malformed, too long). */
    Optional<String[]> open(String envelope) {
        if (envelope == null || envelope.length() > maxChars) {
            return Optional.empty();
        }
        int dot = envelope.indexOf('.');
        if (dot < 0 || envelope.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        Optional<byte[]> payload = strictBase64url(envelope.substring(0, dot));
        Optional<byte[]> mac = strictBase64url(envelope.substring(dot + 1));
        if (payload.isEmpty() || mac.isEmpty() || mac.get().length != MAC_BYTES
                || !MessageDigest.isEqual(mac(key, payload.get()), mac.get())) {
            return Optional.empty();
        }
        // Authentic from here on: only an envelope we made gets split.
        return Optional.of(new String(payload.get(), StandardCharsets.US_ASCII).split("\\|", -1));
    }

    static String base64url(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    static byte[] fromBase64url(String text) {
        return DECODER.decode(text);
    }

    /**
     * The bytes of unpadded base64url in its one canonical spelling: the decoder would also take padding and ignore
     * unused trailing bits, letting one credential be written several ways.
     */
    private static Optional<byte[]> strictBase64url(String text) {
        if (!BASE64URL.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes = DECODER.decode(text);
        return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, impossible);
        }
    }
}
