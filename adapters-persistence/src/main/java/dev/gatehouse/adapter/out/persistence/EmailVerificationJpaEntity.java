package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An {@code email_verifications} row: a link's token hash, its account, the address it proves, its lifetime, its use. */
@Entity
@Table(name = "email_verifications")
class EmailVerificationJpaEntity {

    @Id
    @Column(name = "token_hash", nullable = false, updatable = false, length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "address", nullable = false, updatable = false, length = 254)
    private String address;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected EmailVerificationJpaEntity() {
    }

    EmailVerificationJpaEntity(String tokenHash, UUID userId, String address, Instant issuedAt, Instant expiresAt, Instant usedAt) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.address = address;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.usedAt = usedAt;
    }

    String getTokenHash() {
        return tokenHash;
    }

    UUID getUserId() {
        return userId;
    }

    String getAddress() {
        return address;
    }

    Instant getIssuedAt() {
        return issuedAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getUsedAt() {
        return usedAt;
    }
}
