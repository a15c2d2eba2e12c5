package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An {@code mfa_challenges} row: a login waiting for its second factor, by its token's hash. */
@Entity
@Table(name = "mfa_challenges")
class MfaChallengeJpaEntity {

    @Id
    @Column(name = "token_hash", nullable = false, updatable = false, length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "security_version", nullable = false, updatable = false)
    private long securityVersion;

    @Column(name = "client_id", updatable = false, length = 64)
    private String clientId;

    @Column(name = "scopes", nullable = false, updatable = false, length = 2000)
    private String scopes;

    @Column(name = "resource", updatable = false, length = 2000)
    private String resource;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected MfaChallengeJpaEntity() {
    }

    MfaChallengeJpaEntity(String tokenHash, UUID userId, long securityVersion, String clientId, String scopes,
                          String resource, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.securityVersion = securityVersion;
        this.clientId = clientId;
        this.scopes = scopes;
        this.resource = resource;
        this.expiresAt = expiresAt;
    }

    String getTokenHash() {
        return tokenHash;
    }

    UUID getUserId() {
        return userId;
    }

    long getSecurityVersion() {
        return securityVersion;
    }

    String getClientId() {
        return clientId;
    }

    String getScopes() {
        return scopes;
    }

    String getResource() {
        return resource;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }
}
