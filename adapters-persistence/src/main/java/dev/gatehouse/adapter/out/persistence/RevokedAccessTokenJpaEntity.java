package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A {@code revoked_access_tokens} row: which token, until when it would have been valid, and when it was revoked. */
@Entity
@Table(name = "revoked_access_tokens")
class RevokedAccessTokenJpaEntity {

    @Id
    @Column(name = "token_id", nullable = false, updatable = false, length = 128)
    private String tokenId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at", nullable = false, updatable = false)
    private Instant revokedAt;

    protected RevokedAccessTokenJpaEntity() {
    }

    RevokedAccessTokenJpaEntity(String tokenId, Instant expiresAt, Instant revokedAt) {
        this.tokenId = tokenId;
        this.expiresAt = expiresAt;
        this.revokedAt = revokedAt;
    }

    String getTokenId() {
        return tokenId;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
