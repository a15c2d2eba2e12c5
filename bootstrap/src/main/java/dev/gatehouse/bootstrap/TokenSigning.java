package dev.gatehouse.bootstrap;

import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How access tokens are signed. {@code algorithm} empty means HS256 with {@code GATEHOUSE_JWT_SECRET} (the
 * tutorial-compatible mode, nothing published); otherwise keys of that algorithm are stored in the database and
 * rotate every {@code rotationPeriod}, each published {@code prePublication} before it signs. Their private parts
 * are encrypted under the first of {@code keyEncryptionKeys} (a keyring: the others only decrypt what was stored
 * under them, and such keys are re-encrypted under the first), or under a key derived from the JWT secret when the
 * ring is empty.
 */
public record TokenSigning(Optional<SigningAlgorithm> algorithm, Duration rotationPeriod, Duration prePublication,
                           List<byte[]> keyEncryptionKeys) {

    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(30);
    public static final Duration DEFAULT_PRE_PUBLICATION = Duration.ofHours(1);
    /** Instances re-read the keys every 30 s and caches keep the key set for a quarter of this: both fit well inside. */
    public static final Duration MIN_PRE_PUBLICATION = Duration.ofMinutes(2);
    /** The longest a key set may be cached, whatever the pre-publication window. */
    public static final Duration MAX_KEY_SET_CACHE = Duration.ofMinutes(15);
    /** How often each instance checks the rotation schedule, at most. */
    public static final Duration MAX_CHECK_INTERVAL = Duration.ofMinutes(1);

    public TokenSigning {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(rotationPeriod, "rotationPeriod");
        Objects.requireNonNull(prePublication, "prePublication");
        Objects.requireNonNull(keyEncryptionKeys, "keyEncryptionKeys");
        keyEncryptionKeys = keyEncryptionKeys.stream().map(byte[]::clone).toList();
    }

    public boolean hs256() {
        return algorithm.isEmpty();
    }

    /** The rotation schedule; a retired key stays published for the token lifetime plus the clock skew. */
    public KeyRotationPolicy policy(Duration tokenLifetime, Duration clockSkew) {
        return new KeyRotationPolicy(rotationPeriod, prePublication, tokenLifetime.plus(clockSkew));
    }

    /** How long clients may cache the key set: a quarter of the pre-publication window, at most 15 minutes. */
    public Duration keySetMaxAge() {
        Duration quarter = prePublication.dividedBy(4);
        return quarter.compareTo(MAX_KEY_SET_CACHE) < 0 ? quarter : MAX_KEY_SET_CACHE;
    }

    /** How often to check the rotation schedule: every minute, or more often for a short pre-publication window. */
    public Duration checkInterval() {
        Duration quarter = prePublication.dividedBy(4);
        return quarter.compareTo(MAX_CHECK_INTERVAL) < 0 ? quarter : MAX_CHECK_INTERVAL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenSigning that && algorithm.equals(that.algorithm)
                && rotationPeriod.equals(that.rotationPeriod) && prePublication.equals(that.prePublication)
                && keyEncryptionKeys.size() == that.keyEncryptionKeys.size()
                && java.util.stream.IntStream.range(0, keyEncryptionKeys.size()).allMatch(i ->
                        java.security.MessageDigest.isEqual(keyEncryptionKeys.get(i), that.keyEncryptionKeys.get(i)));
    }

    /** Copies, so callers cannot change the keys in use. */
    @Override
    public List<byte[]> keyEncryptionKeys() {
        return keyEncryptionKeys.stream().map(byte[]::clone).toList();
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, rotationPeriod, prePublication, keyEncryptionKeys.size());
    }

    @Override
    public String toString() {
        return "TokenSigning[algorithm=" + algorithm.map(SigningAlgorithm::joseName).orElse("HS256")
                + ", rotationPeriod=" + rotationPeriod + ", prePublication=" + prePublication
                + ", keyEncryptionKeys=" + (keyEncryptionKeys.isEmpty() ? "derived from the JWT secret"
                        : keyEncryptionKeys.size() + " configured") + "]";
    }
}
