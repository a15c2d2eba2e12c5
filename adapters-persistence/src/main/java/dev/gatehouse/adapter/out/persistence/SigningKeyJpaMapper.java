package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Between {@link SigningKey} and its row: standard encodings in base64, the private key encrypted. */
final class SigningKeyJpaMapper {

    private SigningKeyJpaMapper() {
    }

    static SigningKeyJpaEntity toEntity(SigningKey key, SigningKeyEncryption encryption) {
        return new SigningKeyJpaEntity(key.id().value(), key.generation(), key.algorithm().joseName(),
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), sealedPrivateKey(key, encryption),
                encryption.keyId(), key.createdAt().truncatedTo(ChronoUnit.MICROS), key.activatesAt().truncatedTo(ChronoUnit.MICROS));
    }

    /** The private key encrypted under the keyring's first key, bound to its row, in base64. */
    static String sealedPrivateKey(SigningKey key, SigningKeyEncryption encryption) {
        PrivateKey privateKey = key.privateKey().orElseThrow(
                () -> new IllegalArgumentException("a stored key needs its private part"));
        byte[] pkcs8 = privateKey.getEncoded();
        try {
            return Base64.getEncoder().encodeToString(
                    encryption.encrypt(pkcs8, context(key.id().value(), key.generation(), key.algorithm())));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The key with its private part when a key of {@code encryption}'s ring can open it, else public only. */
    static SigningKey toDomain(SigningKeyJpaEntity row, SigningKeyEncryption encryption) {
        SigningAlgorithm algorithm = SigningAlgorithm.fromJoseName(row.getAlgorithm())
                .orElseThrow(() -> new IllegalStateException("unknown algorithm in signing_keys: " + row.getAlgorithm()));
        Optional<PrivateKey> privateKey = encryption.decrypt(Base64.getDecoder().decode(row.getPrivateKeyEncrypted()),
                        context(row.getKid(), row.getGeneration(), algorithm), row.getEncryptionKeyId())
                .map(pkcs8 -> privateKey(algorithm, pkcs8));
        return new SigningKey(new KeyId(row.getKid()), row.getGeneration(), algorithm,
                publicKey(algorithm, Base64.getDecoder().decode(row.getPublicKey())), privateKey,
                row.getCreatedAt(), row.getActivatesAt(), Optional.ofNullable(row.getRevokedAt()));
    }

    /** Whether the row's private key was encrypted under a key-encryption key that {@code encryption}'s ring lacks. */
    static boolean encryptedElsewhere(SigningKeyJpaEntity row, SigningKeyEncryption encryption) {
        return !encryption.knows(row.getEncryptionKeyId());
    }

    private static String context(String kid, long generation, SigningAlgorithm algorithm) {
        return "gatehouse signing key|" + kid + "|" + generation + "|" + algorithm.joseName();
    }

    private static PublicKey publicKey(SigningAlgorithm algorithm, byte[] x509) {
        try {
            return keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException corrupt) {
            throw new IllegalStateException("unreadable public key in signing_keys", corrupt);
        }
    }

    private static PrivateKey privateKey(SigningAlgorithm algorithm, byte[] pkcs8) {
        try {
            return keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException corrupt) {
            throw new IllegalStateException("unreadable private key in signing_keys", corrupt);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static KeyFactory keyFactory(SigningAlgorithm algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(switch (algorithm) {
            case ES256 -> "EC";
            case RS256 -> "RSA";
            case EdDSA -> "Ed25519";
        });
    }
}
