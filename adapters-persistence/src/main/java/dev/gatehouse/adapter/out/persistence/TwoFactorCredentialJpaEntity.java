package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A {@code two_factor_credentials} row: a user's TOTP secret (encrypted), its state and the last accepted step. */
@Entity
@Table(name = "two_factor_credentials")
class TwoFactorCredentialJpaEntity {

    @Id
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "enrolment_id", nullable = false)
    private UUID enrolmentId;

    @Column(name = "secret", nullable = false, length = 200)
    private String secret;

    @Column(name = "key_id", nullable = false, length = 16)
    private String keyId;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "last_used_step", nullable = false)
    private long lastUsedStep;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TwoFactorCredentialJpaEntity() {
    }

    TwoFactorCredentialJpaEntity(UUID userId, UUID enrolmentId, String secret, String keyId, boolean active,
                                 long lastUsedStep, Instant createdAt) {
        this.userId = userId;
        this.enrolmentId = enrolmentId;
        this.secret = secret;
        this.keyId = keyId;
        this.active = active;
        this.lastUsedStep = lastUsedStep;
        this.createdAt = createdAt;
    }

    UUID getUserId() {
        return userId;
    }

    UUID getEnrolmentId() {
        return enrolmentId;
    }

    String getSecret() {
        return secret;
    }

    String getKeyId() {
        return keyId;
    }

    boolean isActive() {
        return active;
    }

    long getLastUsedStep() {
        return lastUsedStep;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
