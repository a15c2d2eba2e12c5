package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An {@code authorization_codes} row (V9__authorization_codes.sql); mapped by {@link JpaAuthorizationCodes}. */
@Entity
@Table(name = "authorization_codes")
class AuthorizationCodeJpaEntity {

    @Id
    @Column(name = "code_hash", nullable = false, updatable = false, length = 64)
    private String codeHash;

    @Column(name = "client_id", nullable = false, updatable = false, length = 64)
    private String clientId;

    @Column(name = "redirect_uri", nullable = false, updatable = false, length = 2000)
    private String redirectUri;

    @Column(name = "code_challenge", nullable = false, updatable = false, length = 43)
    private String codeChallenge;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "security_version", nullable = false, updatable = false)
    private long securityVersion;

    @Column(name = "scopes", nullable = false, updatable = false, length = 2000)
    private String scopes;

    @Column(name = "nonce", updatable = false, length = 255)
    private String nonce;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "auth_time", updatable = false)
    private Instant authTime;

    @Column(name = "browser_session", updatable = false, length = 22)
    private String browserSession;

    protected AuthorizationCodeJpaEntity() {
    }

    AuthorizationCodeJpaEntity(String codeHash, String clientId, String redirectUri, String codeChallenge, UUID userId,
                               long securityVersion, String scopes, String nonce, Instant issuedAt, Instant expiresAt,
                               Instant redeemedAt, UUID sessionId, Instant authTime, String browserSession) {
        this.codeHash = codeHash;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.codeChallenge = codeChallenge;
        this.userId = userId;
        this.securityVersion = securityVersion;
        this.scopes = scopes;
        this.nonce = nonce;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.redeemedAt = redeemedAt;
        this.sessionId = sessionId;
        this.authTime = authTime;
        this.browserSession = browserSession;
    }

    String getCodeHash() {
        return codeHash;
    }

    String getClientId() {
        return clientId;
    }

    String getRedirectUri() {
        return redirectUri;
    }

    String getCodeChallenge() {
        return codeChallenge;
    }

    UUID getUserId() {
        return userId;
    }

    long getSecurityVersion() {
        return securityVersion;
    }

    String getScopes() {
        return scopes;
    }

    String getNonce() {
        return nonce;
    }

    Instant getIssuedAt() {
        return issuedAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getRedeemedAt() {
        return redeemedAt;
    }

    UUID getSessionId() {
        return sessionId;
    }

    /** Null for a code stored before V12. */
    Instant getAuthTime() {
        return authTime;
    }

    /** Null for a code stored before V17 or not from a browser session. */
    String getBrowserSession() {
        return browserSession;
    }
}
