package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.Seals;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless seals: {@code base64url(payload) + "." + base64url(HMAC-SHA256(key, payload))}, the payload naming the
 * format version, the purpose, the expiry in epoch seconds, 96 random bits (so no two seals are alike) and the
 * content. The key is derived from the configured secret for this purpose alone ({@link Subkeys#SEALS}), so every
 * instance that shares the secret opens every other's seals, and a seal is worthless as any other credential.
 */
public final class HmacSeals implements Seals {

    /** Far beyond any seal Gatehouse makes; bounds the work a forged one can cause. */
    static final int MAX_SEALED_CHARS = 4096;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "1";
    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 32;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key at least {@link JwtSettings#MIN_SECRET_BYTES} bytes, derived for this purpose; copied */
    public HmacSeals(byte[] key) {
        Objects.requireNonNull(key, "seal key must not be null");
        if (key.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("seal key must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
    }

    @Override
    public String seal(Purpose purpose, String content, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(content, "content");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] payload = String.join("|", VERSION, purpose.name(), Long.toString(expiresAt.getEpochSecond()),
                ENCODER.encodeToString(nonce), ENCODER.encodeToString(content.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(payload));
    }

    @Override
    public Optional<String> open(Purpose purpose, String sealed, Instant now) {
        try {
            return contentOf(purpose, sealed, now);
        } catch (RuntimeException malformed) {
            // Whatever a forger sends, the answer is "not ours", never an exception.
            return Optional.empty();
        }
    }

    private Optional<String> contentOf(Purpose purpose, String sealed, Instant now) {
        if (sealed == null || sealed.length() > MAX_SEALED_CHARS) {
            return Optional.empty();
        }
        int dot = sealed.indexOf('.');
        if (dot < 0 || sealed.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        Optional<byte[]> payload = strictBase64url(sealed.substring(0, dot));
        Optional<byte[]> mac = strictBase64url(sealed.substring(dot + 1));
        if (payload.isEmpty() || mac.isEmpty() || mac.get().length != MAC_BYTES
                || !MessageDigest.isEqual(hmac(payload.get()), mac.get())) {
            return Optional.empty();
        }
        // Authentic from here on: only a seal we made gets parsed.
        String[] fields = new String(payload.get(), StandardCharsets.US_ASCII).split("\\|", -1);
        if (fields.length != 5 || !VERSION.equals(fields[0]) || !purpose.name().equals(fields[1])
                || !EPOCH_SECONDS.matcher(fields[2]).matches() || now.getEpochSecond() >= Long.parseLong(fields[2])) {
            return Optional.empty();
        }
        return Optional.of(new String(DECODER.decode(fields[4]), StandardCharsets.UTF_8));
    }

    /** The bytes of unpadded base64url in its one canonical spelling. */
    private static Optional<byte[]> strictBase64url(String text) {
        if (!BASE64URL.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes = DECODER.decode(text);
        return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, impossible);
        }
    }

    @Override
    public String toString() {
        return "HmacSeals[key=redacted]";
    }
}
