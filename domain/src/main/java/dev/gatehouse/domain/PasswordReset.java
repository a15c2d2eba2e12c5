package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One password-reset link as stored: the hash of its token, whose account it resets, when it was issued, until when
 * it may be used, and when it was used. A link is used once: redeeming it is a conditional write in the store.
 */
public record PasswordReset(ResetTokenHash hash, UserId user, Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt) {

    /** How long a link may be used: long enough to read the mail, short enough that an old mailbox is no key. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    public PasswordReset {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a reset link must expire after it is issued");
        }
    }

    /** A new, unused link for {@code user}, valid for {@link #LIFETIME} from {@code now}. */
    public static PasswordReset issue(ResetTokenHash hash, UserId user, Instant now) {
        return new PasswordReset(hash, user, now, now.plus(LIFETIME), Optional.empty());
    }

    /** Unused and not yet expired at {@code now}. */
    public boolean isRedeemableAt(Instant now) {
        return usedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
