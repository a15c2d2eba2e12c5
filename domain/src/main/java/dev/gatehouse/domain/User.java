package dev.gatehouse.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A person or system that can log in. Immutable: every change returns a new {@code User}, which the
 * application then stores.
 */
public final class User {

    private final UserId id;
    private final Username username;
    private final EmailAddress email;
    private final FullName fullName;
    private final PasswordHash passwordHash;
    private final boolean disabled;
    private final Instant createdAt;
    private final long securityVersion;

    /**
     * Reconstitutes a stored user; {@code email} and {@code fullName} may be null. The security version
     * counts the events that end every session (a password change, disabling, "log out everywhere"): a
     * token or session from before the current version is refused.
     */
    public User(UserId id, Username username, EmailAddress email, FullName fullName,
                PasswordHash passwordHash, boolean disabled, Instant createdAt, long securityVersion) {
        this.id = Objects.requireNonNull(id, "id");
        this.username = Objects.requireNonNull(username, "username");
        this.email = email;
        this.fullName = fullName;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.disabled = disabled;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (securityVersion < 0) {
            throw new IllegalArgumentException("securityVersion must not be negative");
        }
        this.securityVersion = securityVersion;
    }

    /** A newly registered, active user with a fresh identity. */
    public static User register(Username username, PasswordHash passwordHash, EmailAddress email,
                                FullName fullName, Instant now) {
        // Microseconds: the precision every supported database keeps, so a stored user equals itself.
        return new User(UserId.newId(), username, email, fullName, passwordHash, false, now.truncatedTo(ChronoUnit.MICROS), 0);
    }

    public UserId id() {
        return id;
    }

    public Username username() {
        return username;
    }

    public Optional<EmailAddress> email() {
        return Optional.ofNullable(email);
    }

    public Optional<FullName> fullName() {
        return Optional.ofNullable(fullName);
    }

    public PasswordHash passwordHash() {
        return passwordHash;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public boolean isActive() {
        return !disabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long securityVersion() {
        return securityVersion;
    }

    /** Disabled, and every session ended: a disabled user's tokens must not work again after re-enabling. */
    public User disable() {
        return new User(id, username, email, fullName, passwordHash, true, createdAt, securityVersion + 1);
    }

    public User enable() {
        return new User(id, username, email, fullName, passwordHash, false, createdAt, securityVersion);
    }

    /** The same password in a newer hash format: sessions go on. */
    public User withPasswordHash(PasswordHash newHash) {
        return new User(id, username, email, fullName, newHash, disabled, createdAt, securityVersion);
    }

    /** A new password: every session started with the old one ends. */
    public User changePassword(PasswordHash newHash) {
        return new User(id, username, email, fullName, newHash, disabled, createdAt, securityVersion + 1);
    }

    /** "Log out everywhere": every token and session issued so far stops working. */
    public User endAllSessions() {
        return new User(id, username, email, fullName, passwordHash, disabled, createdAt, securityVersion + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof User that
                && id.equals(that.id)
                && username.equals(that.username)
                && Objects.equals(email, that.email)
                && Objects.equals(fullName, that.fullName)
                && passwordHash.equals(that.passwordHash)
                && disabled == that.disabled
                && createdAt.equals(that.createdAt)
                && securityVersion == that.securityVersion;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", disabled=" + disabled + ", securityVersion=" + securityVersion + "]";
    }
}
