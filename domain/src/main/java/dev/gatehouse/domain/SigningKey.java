package dev.gatehouse.domain;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key Gatehouse signs access tokens with. {@code generation} counts keys from 1 and decides which of two
 * keys is newer; {@code activatesAt} is when it starts signing (until then it is only published, so that
 * resource servers learn it first). The private key is absent when this process cannot read it (it was stored
 * under another key-encryption key): such a key still verifies, but never signs here. {@code revokedAt} is set
 * when an operator distrusted the key (it was compromised): from then on it neither signs nor verifies anywhere.
 * The private key never appears in {@link #toString()}.
 */
public record SigningKey(KeyId id, long generation, SigningAlgorithm algorithm, PublicKey publicKey,
                         Optional<PrivateKey> privateKey, Instant createdAt, Instant activatesAt,
                         Optional<Instant> revokedAt) {

    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activatesAt, "activatesAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (generation < 1) {
            throw new IllegalArgumentException("a key generation counts from 1");
        }
        if (!algorithm.accepts(publicKey)) {
            throw new IllegalArgumentException("the public key does not suit " + algorithm);
        }
        if (!id.equals(KeyId.of(publicKey))) {
            throw new IllegalArgumentException("the key id does not name this public key");
        }
        if (activatesAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a key cannot start signing before it exists");
        }
    }

    /** A key nobody has revoked. */
    public SigningKey(KeyId id, long generation, SigningAlgorithm algorithm, PublicKey publicKey,
                      Optional<PrivateKey> privateKey, Instant createdAt, Instant activatesAt) {
        this(id, generation, algorithm, publicKey, privateKey, createdAt, activatesAt, Optional.empty());
    }

    /** A new key pair for {@code algorithm}, named after its public key. */
    public static SigningKey generate(SigningAlgorithm algorithm, long generation, Instant createdAt, Instant activatesAt) {
        KeyPair pair = algorithm.generateKeyPair();
        return new SigningKey(KeyId.of(pair.getPublic()), generation, algorithm, pair.getPublic(),
                Optional.of(pair.getPrivate()), createdAt, activatesAt);
    }

    /** Whether this process holds the private key, and so may sign with it. */
    public boolean canSign() {
        return privateKey.isPresent();
    }

    /** Whether an operator has distrusted this key. */
    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** The same key, revoked at {@code at} (or at its earlier revocation, which stands). */
    public SigningKey revoked(Instant at) {
        Objects.requireNonNull(at, "at");
        return new SigningKey(id, generation, algorithm, publicKey, privateKey, createdAt, activatesAt,
                Optional.of(revokedAt.orElse(at)));
    }

    /** The same key without its private part, as it may be shown to anyone. */
    public SigningKey publicOnly() {
        return new SigningKey(id, generation, algorithm, publicKey, Optional.empty(), createdAt, activatesAt, revokedAt);
    }

    @Override
    public String toString() {
        return "SigningKey[id=" + id + ", generation=" + generation + ", algorithm=" + algorithm
                + ", privateKey=" + (privateKey.isPresent() ? "[redacted]" : "absent")
                + ", createdAt=" + createdAt + ", activatesAt=" + activatesAt
                + revokedAt.map(at -> ", revokedAt=" + at).orElse("") + "]";
    }
}
