package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The state between a right password and the second factor (the password grant's {@code mfa_token}): stored only by
 * the SHA-256 of the token, for one user at one security version, one client (if clients authenticate), the scopes
 * and resource that were asked for, until {@code expiresAt}. It completes one login, once.
 */
public record MfaChallenge(String tokenHash, UserId user, long securityVersion, Optional<ClientId> client,
                           Set<Scope> scopes, Optional<Audience> resource, Instant expiresAt) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public MfaChallenge {
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (!HEX.matcher(tokenHash).matches()) {
            throw new IllegalArgumentException("an MFA token hash is 64 lower-case hex digits");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
