package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.domain.TotpSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link OneTimePasswords} as every authenticator app computes them (RFC 6238 with RFC 4226's dynamic truncation):
 * HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch, one step either side accepted for clock drift. Every step
 * of the window is computed and compared in constant time, so timing tells nothing about which matched.
 */
public final class RfcTotp implements OneTimePasswords {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;

    private final SecureRandom random = new SecureRandom();

    @Override
    public TotpSecret newSecret() {
        return TotpSecret.generate(random);
    }

    /** The time step that {@code instant} falls in. */
    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step} for {@code secret}. */
    public static String code(TotpSecret secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA1", impossible);
        }
    }

    @Override
    public OptionalLong matchingStep(TotpSecret secret, String code, Instant now) {
        String typed = code == null ? "" : code.strip();
        boolean wellFormed = typed.length() == DIGITS && typed.chars().allMatch(c -> c >= '0' && c <= '9');
        byte[] given = (wellFormed ? typed : "------").getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), given)) {
                matched = step;
            }
        }
        return wellFormed && matched != Long.MIN_VALUE ? OptionalLong.of(matched) : OptionalLong.empty();
    }
}
