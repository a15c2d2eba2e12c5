package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code refresh_tokens} row as Hibernate sees it: a token's hash and its session's id. The session is a
 * plain id rather than an association, so that reading a token never loads more than the one join asks for;
 * rotation is a conditional bulk UPDATE, so there is no version column either.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshTokenJpaEntity {

    @Id
    @Column(name = "token_hash", nullable = false, updatable = false, length = 64)
    private String tokenHash;

    @Column(name = "session_id", nullable = false, updatable = false)
    private UUID sessionId;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected RefreshTokenJpaEntity() {
    }

    RefreshTokenJpaEntity(String tokenHash, UUID sessionId, Instant issuedAt) {
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.issuedAt = issuedAt;
    }

    String getTokenHash() {
        return tokenHash;
    }

    UUID getSessionId() {
        return sessionId;
    }

    Instant getIssuedAt() {
        return issuedAt;
    }

    Instant getRotatedAt() {
        return rotatedAt;
    }
}
