package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.Seals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stateless seals: {@code base64url(payload) + "." + base64url(HMAC-SHA256(key, payload))}, the payload naming the
 * format version, the purpose, the expiry in epoch seconds, 96 random bits (so no two seals are alike) and the
 * content. The key is derived from the configured secret for this purpose alone ({@link Subkeys#SEALS}), so every
 * instance that shares the secret opens every other's seals, and a seal is worthless as any other credential.
 */
public final class HmacSeals implements Seals {

    /** Far beyond any seal Gatehouse makes; bounds the work a forged one can cause. */
    static final int MAX_SEALED_CHARS = 4096;

    private static final String VERSION = "1";
    private static final int NONCE_BYTES = 12;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,17}");

    private final MacEnvelope envelope;
    private final SecureRandom random = new SecureRandom();

    /** @param key at least {@link JwtSettings#MIN_SECRET_BYTES} bytes, derived for this purpose; copied */
    public HmacSeals(byte[] key) {
        Objects.requireNonNull(key, "seal key must not be null");
        if (key.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("seal key must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.envelope = new MacEnvelope(key, MAX_SEALED_CHARS);
    }

    @Override
    public String seal(Purpose purpose, String content, Instant expiresAt) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(content, "content");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return envelope.wrap(VERSION, purpose.name(), Long.toString(expiresAt.getEpochSecond()),
                MacEnvelope.base64url(nonce), MacEnvelope.base64url(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<String> open(Purpose purpose, String sealed, Instant now) {
        try {
            return envelope.open(sealed).flatMap(fields -> contentOf(fields, purpose, now));
        } catch (RuntimeException malformed) {
            // Whatever a forger sends, the answer is "not ours", never an exception.
            return Optional.empty();
        }
    }

    private static Optional<String> contentOf(String[] fields, Purpose purpose, Instant now) {
        if (fields.length != 5 || !VERSION.equals(fields[0]) || !purpose.name().equals(fields[1])
                || !EPOCH_SECONDS.matcher(fields[2]).matches() || now.getEpochSecond() >= Long.parseLong(fields[2])) {
            return Optional.empty();
        }
        return Optional.of(new String(MacEnvelope.fromBase64url(fields[4]), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "HmacSeals[key=redacted]";
    }
}
