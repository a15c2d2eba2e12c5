package dev.gatehouse.application.port.out;

import java.util.Objects;
import java.util.UUID;

/**
 * A mail taken from the {@link MailOutbox} by one sender: the {@code claim} names that sender's hold on it, and
 * {@code failedAttempts} counts the deliveries that failed before.
 */
public record ClaimedMail(OutgoingMail mail, UUID claim, int failedAttempts) {

    public ClaimedMail {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(claim, "claim");
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts must not be negative");
        }
    }
}
