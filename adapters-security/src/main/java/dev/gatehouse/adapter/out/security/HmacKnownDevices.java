package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.domain.KnownDeviceLifetime;
import dev.gatehouse.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless device credentials in OWASP's device-cookie pattern: {@code base64url(payload) + "." +
 * base64url(HMAC-SHA256(key, payload))}, the payload naming the format version, a random 128-bit device id,
 * the user's canonical username and the expiry in epoch seconds. Nothing is stored, so every instance that
 * shares the secret recognises every other's credentials.
 *
 * <p>The MAC key is derived from the configured secret ({@code HMAC-SHA256(secret, "gatehouse known-device
 * v1")}), so it differs from the JWT signing key even when both come from the same secret, and a MAC made for
 * one purpose can never pass for the other.
 */
public final class HmacKnownDevices implements KnownDevices {

    public static final Duration DEFAULT_LIFETIME = KnownDeviceLifetime.DEFAULT;
    public static final Duration MAX_LIFETIME = KnownDeviceLifetime.MAX;
    /** Ours are about 180 characters; the cap bounds the work a forged one can cause. */
    static final int MAX_CREDENTIAL_CHARS = 512;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] KEY_PURPOSE = "gatehouse known-device v1".getBytes(StandardCharsets.US_ASCII);
    // 2: bound to the user id and security version (1 named the user only, and outlived a password change).
    private static final String VERSION = "2";
    private static final char SEPARATOR = '|';
    private static final int DEVICE_ID_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret   at least {@link JwtSettings#MIN_SECRET_BYTES} bytes; copied, never kept as given
     * @param lifetime how long a credential is honoured: whole seconds, 1 second to {@link #MAX_LIFETIME}
     * @param clock    decides expiry
     */
    public HmacKnownDevices(byte[] secret, Duration lifetime, Clock clock) {
        Objects.requireNonNull(secret, "known-device secret must not be null");
        if (secret.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "known-device secret must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.lifetime = KnownDeviceLifetime.require(lifetime);
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] derived = hmac(new SecretKeySpec(secret, ALGORITHM), KEY_PURPOSE);
        this.key = new SecretKeySpec(derived, ALGORITHM);
        Arrays.fill(derived, (byte) 0);
    }

    @Override
    public String enrol(User user) {
        byte[] deviceId = new byte[DEVICE_ID_BYTES];
        random.nextBytes(deviceId);
        long expiresAt = clock.instant().plus(lifetime).getEpochSecond();
        byte[] payload = String.join(String.valueOf(SEPARATOR),
                VERSION, ENCODER.encodeToString(deviceId), Long.toString(expiresAt), user.id().value().toString(),
                Long.toString(user.securityVersion()))
                .getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(key, payload));
    }

    @Override
    public Optional<String> recognise(String credential, User user) {
        try {
            return deviceIdOf(credential, user);
        } catch (RuntimeException malformed) {
            // Whatever a forger sends, the answer is "not recognised", never an exception.
            return Optional.empty();
        }
    }

    private Optional<String> deviceIdOf(String credential, User user) {
        if (credential == null || user == null || credential.length() > MAX_CREDENTIAL_CHARS) {
            return Optional.empty();
        }
        int dot = credential.indexOf('.');
        if (dot < 0 || credential.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        Optional<byte[]> payload = strictBase64url(credential.substring(0, dot));
        Optional<byte[]> mac = strictBase64url(credential.substring(dot + 1));
        if (payload.isEmpty() || mac.isEmpty() || mac.get().length != MAC_BYTES
                || !MessageDigest.isEqual(hmac(key, payload.get()), mac.get())) {
            return Optional.empty();
        }
        // Authentic from here on: only a credential we issued gets parsed.
        String[] fields = new String(payload.get(), StandardCharsets.US_ASCII).split("\\|", -1);
        if (fields.length != 5 || !VERSION.equals(fields[0]) || !EPOCH_SECONDS.matcher(fields[2]).matches()
                || !fields[3].equals(user.id().value().toString())
                || !fields[4].equals(Long.toString(user.securityVersion()))) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= Long.parseLong(fields[2])) {
            return Optional.empty();
        }
        return Optional.of(fields[1]);
    }

    /**
     * The bytes of unpadded base64url in its one canonical spelling: the decoder would also take padding and
     * ignore unused trailing bits, letting one credential be written several ways.
     */
    private static Optional<byte[]> strictBase64url(String text) {
        if (!BASE64URL.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes = DECODER.decode(text);
        return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
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
        return "HmacKnownDevices[key=redacted, lifetime=" + lifetime + "]";
    }
}
