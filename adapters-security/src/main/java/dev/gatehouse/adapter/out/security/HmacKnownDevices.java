package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.domain.KnownDeviceLifetime;
import dev.gatehouse.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private static final byte[] KEY_PURPOSE = "gatehouse known-device v1".getBytes(StandardCharsets.US_ASCII);
    // 2: bound to the user id and security version (1 named the user only, and outlived a password change).
    private static final String VERSION = "2";
    private static final int DEVICE_ID_BYTES = 16;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[1-9][0-9]{0,17}");

    private final MacEnvelope envelope;
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
        byte[] derived = MacEnvelope.mac(new SecretKeySpec(secret, MacEnvelope.ALGORITHM), KEY_PURPOSE);
        this.envelope = new MacEnvelope(derived, MAX_CREDENTIAL_CHARS);
        Arrays.fill(derived, (byte) 0);
    }

    @Override
    public String enrol(User user) {
        byte[] deviceId = new byte[DEVICE_ID_BYTES];
        random.nextBytes(deviceId);
        long expiresAt = clock.instant().plus(lifetime).getEpochSecond();
        return envelope.wrap(VERSION, MacEnvelope.base64url(deviceId), Long.toString(expiresAt), user.id().value().toString(),
                Long.toString(user.securityVersion()));
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
        if (user == null) {
            return Optional.empty();
        }
        Optional<String[]> opened = envelope.open(credential);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        String[] fields = opened.get();
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

    @Override
    public String toString() {
        return "HmacKnownDevices[key=redacted, lifetime=" + lifetime + "]";
    }
}
