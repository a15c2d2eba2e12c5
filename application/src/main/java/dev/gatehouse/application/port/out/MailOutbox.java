package dev.gatehouse.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The mails still to send, shared by every instance, so that an unreachable mail server loses none and no two
 * senders send one. A mail caused by a change is stored with that change (see {@link PasswordResets#issue}); others
 * are {@link #enqueue}d. Every adapter passes {@code MailOutboxContract}; in particular {@link #claim} is a
 * conditional write: of senders claiming at once, on any instance, each mail goes to one.
 */
public interface MailOutbox {

    /** Stores a mail to send, due at once. */
    void enqueue(OutgoingMail mail, Instant at);

    /**
     * Takes up to {@code max} mails due at {@code now} (oldest first), each for {@code lease}: until then no other call
     * answers it; a sender that dies holding it lets it go when the lease ends.
     */
    List<ClaimedMail> claim(int max, Instant now, Duration lease);

    /** The mail was sent: never claimed again. False (and nothing changed) when the claim was no longer held. */
    boolean sent(ClaimedMail claimed, Instant at);

    /**
     * Sending failed: due again at {@code retryAt}, one failed attempt more. False (and nothing changed) when the claim
     * was no longer held.
     */
    boolean failed(ClaimedMail claimed, Instant retryAt, String reason);

    /** Sending failed for good: never claimed again, kept for the operator. False when the claim was no longer held. */
    boolean abandoned(ClaimedMail claimed, Instant at, String reason);

    /** How many mails are still to send (due or not): what the operator watches. */
    long pending();
}
