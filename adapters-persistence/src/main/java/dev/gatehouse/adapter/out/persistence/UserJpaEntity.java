package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code users} row as Hibernate sees it. Kept apart from the domain {@code User} so that JPA's needs
 * (a no-argument constructor, mutable fields, a version) never leak into the core.
 */
@Entity
@Table(name = "users")
class UserJpaEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @Column(name = "username_canonical", nullable = false, length = 64)
    private String usernameCanonical;

    @Column(name = "email", length = 254)
    private String email;

    @Column(name = "full_name", length = 200)
    private String fullName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    // The domain's count of session-ending events; unrelated to the optimistic-locking version below.
    @Column(name = "security_version", nullable = false)
    private long securityVersion;

    // The role names, space-separated and sorted; empty for none.
    @Column(name = "roles", nullable = false, length = 1040)
    private String roles = "";

    // Null until persisted, which is how Hibernate tells a new row from a detached one with an assigned id.
    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected UserJpaEntity() {
    }

    UserJpaEntity(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    UUID getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    void setUsername(String username) {
        this.username = username;
    }

    String getUsernameCanonical() {
        return usernameCanonical;
    }

    void setUsernameCanonical(String usernameCanonical) {
        this.usernameCanonical = usernameCanonical;
    }

    String getEmail() {
        return email;
    }

    void setEmail(String email) {
        this.email = email;
    }

    String getFullName() {
        return fullName;
    }

    void setFullName(String fullName) {
        this.fullName = fullName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    boolean isDisabled() {
        return disabled;
    }

    void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    long getSecurityVersion() {
        return securityVersion;
    }

    void setSecurityVersion(long securityVersion) {
        this.securityVersion = securityVersion;
    }

    String getRoles() {
        return roles;
    }

    void setRoles(String roles) {
        this.roles = roles;
    }

    boolean isEmailVerified() {
        return emailVerified;
    }

    void setEmailVerified(boolean emailVerified) {
        this.emailVerified = emailVerified;
    }
}
