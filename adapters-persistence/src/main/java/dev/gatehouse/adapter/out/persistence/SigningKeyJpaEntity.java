package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The {@code signing_keys} row as Hibernate sees it. Rows are written once and deleted; only targeted updates
 * change them (a revocation, a re-encryption under a newer key-encryption key). The private key is only ever held here encrypted ({@link SigningKeyEncryption}).
 */
@Entity
@Table(name = "signing_keys")
class SigningKeyJpaEntity {

    @Id
    @Column(name = "kid", nullable = false, updatable = false, length = 64)
    private String kid;

    @Column(name = "generation", nullable = false, updatable = false)
    private long generation;

    @Column(name = "algorithm", nullable = false, updatable = false, length = 16)
    private String algorithm;

    @Column(name = "public_key", nullable = false, updatable = false, length = 2048)
    private String publicKey;

    @Column(name = "private_key_encrypted", nullable = false, length = 8192)
    private String privateKeyEncrypted;

    @Column(name = "encryption_key_id", nullable = false, length = 32)
    private String encryptionKeyId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "activates_at", nullable = false, updatable = false)
    private Instant activatesAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected SigningKeyJpaEntity() {
    }

    SigningKeyJpaEntity(String kid, long generation, String algorithm, String publicKey, String privateKeyEncrypted,
                        String encryptionKeyId, Instant createdAt, Instant activatesAt) {
        this.kid = kid;
        this.generation = generation;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKeyEncrypted = privateKeyEncrypted;
        this.encryptionKeyId = encryptionKeyId;
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
    }

    String getKid() {
        return kid;
    }

    long getGeneration() {
        return generation;
    }

    String getAlgorithm() {
        return algorithm;
    }

    String getPublicKey() {
        return publicKey;
    }

    String getPrivateKeyEncrypted() {
        return privateKeyEncrypted;
    }

    String getEncryptionKeyId() {
        return encryptionKeyId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getActivatesAt() {
        return activatesAt;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }
}
