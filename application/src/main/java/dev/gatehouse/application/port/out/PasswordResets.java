package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Where password-reset links live, by the hash of their token, shared by every instance. Every adapter passes
 * {@code PasswordResetsContract}; in particular {@link #redeem} is a conditional write, so of concurrent uses of
 * one link exactly one wins, and {@link #issue} stores the link and its mail atomically.
 */
public interface PasswordResets {

    /**
     * Stores {@code reset} and puts {@code mail} (the link) in the outbox in one step: both or neither, so a link is
     * never stored without its mail on the way, nor a mail sent for a link that was not stored.
     */
    void issue(PasswordReset reset, OutgoingMail mail);

    /** The link with this hash, whatever its state, if it was ever issued. */
    Optional<PasswordReset> find(ResetTokenHash hash);

    /**
     * Marks the link used at {@code at}, but only while it is unused and not expired at {@code at}; in the same step
     * every other unused link of its account is used up too, so that no older link outlives the new password, the account (locked against other changes)
     * becomes what {@code change} makes of it as stored now, and the notice it calls for goes into the outbox: all of
     * it or none, also when {@code change} throws. The account as stored after, when this call redeemed the link;
     * empty when it changed nothing (an unknown, used or expired link, or its account gone).
     */
    Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change);

    /** Deletes links that expired before {@code cutoff}; answers how many. */
    int forgetExpiredBefore(Instant cutoff);

    /** For assemblies that keep no links: none is ever found or redeemed, and none is stored. */
    static PasswordResets none() {
        return new PasswordResets() {
            @Override
            public void issue(PasswordReset reset, OutgoingMail mail) {
                throw new UnsupportedOperationException("this assembly keeps no password-reset links");
            }

            @Override
            public Optional<PasswordReset> find(ResetTokenHash hash) {
                return Optional.empty();
            }

            @Override
            public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
                return Optional.empty();
            }

            @Override
            public int forgetExpiredBefore(Instant cutoff) {
                return 0;
            }
        };
    }
}
