package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Where email-verification links live, by the hash of their token, shared by every instance, in the store that holds
 * the users and the {@link MailOutbox}. Every adapter passes {@code EmailVerificationsContract}; in particular
 * {@link #redeem} is a conditional write, so of concurrent uses of one link exactly one wins, and {@link #register} and
 * {@link #issue} store what they are given atomically.
 */
public interface EmailVerifications {

    /**
     * Stores a newly registered {@code user}, its first link and that link's {@code mail} in one step: all or nothing.
     * Answers {@link AddUserOutcome#USERNAME_TAKEN}, storing none of them, when the username is taken.
     */
    AddUserOutcome register(User user, EmailVerification link, OutgoingMail mail);

    /** Stores {@code link} and puts {@code mail} (which carries it) in the outbox in one step: both or neither. */
    void issue(EmailVerification link, OutgoingMail mail);

    /** The link with this hash, whatever its state, if it was ever issued. */
    Optional<EmailVerification> find(ResetTokenHash hash);

    /**
     * Marks the link used at {@code at}, but only while it is unused and not expired at {@code at}; in the same step
     * every other unused link of its account is used up too, so that no older link (for an address given up since) outlives this one, the account (locked against other changes)
     * becomes what {@code change} makes of it as stored now, and the notice it calls for goes into the outbox: all of
     * it or none, also when {@code change} throws. The account as stored after, when this call redeemed the link;
     * empty when it changed nothing (an unknown, used or expired link, or its account gone).
     */
    Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change);

    /** Deletes links that expired before {@code cutoff}; answers how many. */
    int forgetExpiredBefore(Instant cutoff);

    /** For assemblies without email verification: nothing is ever stored, so no link is ever found. */
    static EmailVerifications none() {
        return new EmailVerifications() {
            @Override
            public AddUserOutcome register(User user, EmailVerification link, OutgoingMail mail) {
                throw new UnsupportedOperationException("email verification is off");
            }

            @Override
            public void issue(EmailVerification link, OutgoingMail mail) {
                throw new UnsupportedOperationException("email verification is off");
            }

            @Override
            public Optional<EmailVerification> find(ResetTokenHash hash) {
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
