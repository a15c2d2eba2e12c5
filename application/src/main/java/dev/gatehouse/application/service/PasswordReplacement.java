package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sets a new password on an account, the one way every use case that does so (a password change, a reset link) does
 * it: the policy judges it, the hasher hashes it, and it is stored only onto the account as the caller knew it (still
 * active, the same security version), moving the security version on, which refuses every earlier token and known
 * device; then every session is revoked.
 */
final class PasswordReplacement {

    /** What storing did: {@code replaced} when this call set the password; the account as stored now, if it exists. */
    record Outcome(boolean replaced, Optional<User> stored) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;

    PasswordReplacement(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, RefreshTokens refreshTokens) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
    }

    /** Why the policy refuses {@code password} for {@code user}; empty when it may be set. */
    Optional<String> rejectionReason(User user, PlainPassword password) {
        return policy.rejectionReason(user.username(), user.email(), password);
    }

    /**
     * Hashes {@code password} (may throw {@code HashingOverloadedException}, then nothing changed) and stores it onto
     * {@code asKnown}, unless the account changed meanwhile (disabled, its sessions ended): that change wins.
     */
    Outcome replace(User asKnown, PlainPassword password, Instant now) {
        return store(asKnown, hash(password), now);
    }

    /** The slow part, apart, for a caller that must do something between hashing and storing. */
    PasswordHash hash(PlainPassword password) {
        return hasher.hash(password);
    }

    /** Stores {@code newHash} onto {@code asKnown} as {@link #replace} does. */
    Outcome store(User asKnown, PasswordHash newHash, Instant now) {
        return stored(asKnown, newHash, users.change(asKnown.id(), settingOnto(asKnown, newHash)), now);
    }

    /**
     * The change that sets {@code newHash} onto the account as stored now, unless it changed since {@code asKnown}
     * (disabled, its sessions ended): for a caller that stores it together with more, as a reset link's use does.
     */
    UnaryOperator<User> settingOnto(User asKnown, PasswordHash newHash) {
        return current -> current.isActive() && current.securityVersion() == asKnown.securityVersion()
                ? current.changePassword(newHash) : current;
    }

    /** What follows {@link #settingOnto}'s change, given the account it left ({@code stored}): every session ends. */
    Outcome stored(User asKnown, PasswordHash newHash, Optional<User> stored, Instant now) {
        if (stored.isEmpty() || !stored.get().passwordHash().equals(newHash)) {
            return new Outcome(false, stored);
        }
        refreshTokens.revokeAllOf(asKnown.id(), now);
        return new Outcome(true, stored);
    }
}
