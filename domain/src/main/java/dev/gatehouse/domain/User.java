package dev.gatehouse.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person or system that can log in. Immutable: every change returns a new {@code User}, which the
 * application then stores.
 */
public final class User {

    /** Bounds what a stored user carries; sixteen roles is far more than any real account needs. */
    public static final int MAX_ROLES = 16;

    private final UserId id;
    private final Username username;
    private final EmailAddress email;
    private final FullName fullName;
    private final PasswordHash passwordHash;
    private final boolean disabled;
    private final Instant createdAt;
    private final long securityVersion;
    private final Set<Role> roles;
    private final boolean emailVerified;

    /**
     * Reconstitutes a stored user; {@code email} and {@code fullName} may be null. The security version
     * counts the events that end every session (a password change, disabling, "log out everywhere"): a
     * token or session from before the current version is refused. {@code roles} are the roles the user holds.
     */
    public User(UserId id, Username username, EmailAddress email, FullName fullName,
                PasswordHash passwordHash, boolean disabled, Instant createdAt, long securityVersion, Set<Role> roles) {
        this(id, username, email, fullName, passwordHash, disabled, createdAt, securityVersion, roles, false);
    }

    /**
     * Reconstitutes a stored user whose {@code email} the owner may have proven theirs ({@code emailVerified}, by a
     * link mailed to it); a user without an address has none verified.
     */
    public User(UserId id, Username username, EmailAddress email, FullName fullName,
                PasswordHash passwordHash, boolean disabled, Instant createdAt, long securityVersion, Set<Role> roles,
                boolean emailVerified) {
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
        this.roles = sortedCopy(Objects.requireNonNull(roles, "roles"));
        if (this.roles.size() > MAX_ROLES) {
            throw new IllegalArgumentException("a user holds at most " + MAX_ROLES + " roles");
        }
        this.emailVerified = emailVerified && email != null;
    }

    /** A newly registered, active user with a fresh identity. */
    public static User register(Username username, PasswordHash passwordHash, EmailAddress email,
                                FullName fullName, Instant now) {
        // Microseconds: the precision every supported database keeps, so a stored user equals itself.
        return new User(UserId.newId(), username, email, fullName, passwordHash, false, now.truncatedTo(ChronoUnit.MICROS), 0,
                Set.of());
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

    /** Whether the owner proved {@link #email()} theirs by a link mailed to it. */
    public boolean isEmailVerified() {
        return emailVerified;
    }

    /**
     * The user with {@code address} as its email, proven: the owner used a link mailed to it. When it is another
     * address than the one held, it replaces it (a confirmed change of address); sessions go on.
     */
    public User withVerifiedEmail(EmailAddress address) {
        Objects.requireNonNull(address, "address");
        return new User(id, username, address, fullName, passwordHash, disabled, createdAt, securityVersion, roles, true);
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

    /**
     * Sorted by name. Most accounts hold no role: they share the one empty set instead of a tree of their own (80
     * bytes per user, 8 MiB of the heap with 100,000 users cached).
     */
    private static Set<Role> sortedCopy(Set<Role> roles) {
        return roles.isEmpty() ? Collections.emptySortedSet() : Collections.unmodifiableSet(new TreeSet<>(roles));
    }

    /** The roles held, sorted by name. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }

    /**
     * The user with {@code role} too. A change of roles ends every session, as the issue of a token depends on
     * the roles; holding the role already changes nothing.
     */
    public User withRole(Role role) {
        return withRoles(role, true);
    }

    /** The user without {@code role}; every session ends, so tokens granted by the role stop working at once. */
    public User withoutRole(Role role) {
        return withRoles(role, false);
    }

    private User withRoles(Role role, boolean held) {
        Objects.requireNonNull(role, "role");
        if (roles.contains(role) == held) {
            return this;
        }
        Set<Role> changed = new TreeSet<>(roles);
        if (held) {
            changed.add(role);
        } else {
            changed.remove(role);
        }
        return new User(id, username, email, fullName, passwordHash, disabled, createdAt, securityVersion + 1, changed, emailVerified);
    }

    /** Disabled, and every session ended: a disabled user's tokens must not work again after re-enabling. */
    public User disable() {
        return new User(id, username, email, fullName, passwordHash, true, createdAt, securityVersion + 1, roles, emailVerified);
    }

    public User enable() {
        return new User(id, username, email, fullName, passwordHash, false, createdAt, securityVersion, roles, emailVerified);
    }

    /** The same password in a newer hash format: sessions go on. */
    public User withPasswordHash(PasswordHash newHash) {
        return new User(id, username, email, fullName, newHash, disabled, createdAt, securityVersion, roles, emailVerified);
    }

    /** A new password: every session started with the old one ends. */
    public User changePassword(PasswordHash newHash) {
        return new User(id, username, email, fullName, newHash, disabled, createdAt, securityVersion + 1, roles, emailVerified);
    }

    /** "Log out everywhere": every token and session issued so far stops working. */
    public User endAllSessions() {
        return new User(id, username, email, fullName, passwordHash, disabled, createdAt, securityVersion + 1, roles, emailVerified);
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
                && securityVersion == that.securityVersion
                && roles.equals(that.roles)
                && emailVerified == that.emailVerified;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", disabled=" + disabled + ", securityVersion=" + securityVersion + ", roles=" + roles + "]";
    }
}
