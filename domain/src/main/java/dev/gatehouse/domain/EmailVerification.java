package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One email-verification link as stored: the hash of its token (a {@link ResetTokenHash}, minted like a password-reset
 * token), whose account it is for, the address it proves, when it was issued, until when it may be used, and when it
 * was used. Using it makes {@code address} the account's verified email: the one it has (after registration) or a new
 * one (a change of address, which takes effect only then). A link is used once: redeeming is a conditional write.
 */
public record EmailVerification(ResetTokenHash hash, UserId user, EmailAddress address, Instant issuedAt, Instant expiresAt,
                                Optional<Instant> usedAt) {

    /** How long a link may be used: a day, to reach a mailbox not read every hour. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    public EmailVerification {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a verification link must expire after it is issued");
        }
    }

    /** A new, unused link proving {@code address} for {@code user}, valid for {@link #LIFETIME} from {@code now}. */
    public static EmailVerification issue(ResetTokenHash hash, UserId user, EmailAddress address, Instant now) {
        return new EmailVerification(hash, user, address, now, now.plus(LIFETIME), Optional.empty());
    }

    /** Unused and not yet expired at {@code now}. */
    public boolean isRedeemableAt(Instant now) {
        return usedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
