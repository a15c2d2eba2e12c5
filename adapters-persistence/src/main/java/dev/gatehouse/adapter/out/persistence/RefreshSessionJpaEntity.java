package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code refresh_sessions} row as Hibernate sees it. No version column: the only change, revocation, is a
 * conditional bulk UPDATE ({@code WHERE revoked_at IS NULL}), so there is nothing to check optimistically.
 */
@Entity
@Table(name = "refresh_sessions")
class RefreshSessionJpaEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "scopes", nullable = false, updatable = false, length = 2000)
    private String scopes;

    @Column(name = "security_version", nullable = false, updatable = false)
    private long securityVersion;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "client_id", updatable = false, length = 64)
    private String clientId;

    @Column(name = "resource", updatable = false, length = 2048)
    private String resource;

    protected RefreshSessionJpaEntity() {
    }

    RefreshSessionJpaEntity(UUID id, UUID userId, String scopes, long securityVersion, Instant startedAt, Instant revokedAt,
                            String clientId, String resource) {
        this.id = id;
        this.userId = userId;
        this.scopes = scopes;
        this.securityVersion = securityVersion;
        this.startedAt = startedAt;
        this.revokedAt = revokedAt;
        this.clientId = clientId;
        this.resource = resource;
    }

    UUID getId() {
        return id;
    }

    UUID getUserId() {
        return userId;
    }

    String getScopes() {
        return scopes;
    }

    long getSecurityVersion() {
        return securityVersion;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }

    String getClientId() {
        return clientId;
    }

    String getResource() {
        return resource;
    }
}
