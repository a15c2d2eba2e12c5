package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.EmailAddress;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One mail to send: its id (the message's identity, so it is sent once however often delivery is retried), to whom,
 * which template, and the values the template names. The values may hold a secret (a reset token): its
 * {@code toString} shows only their names.
 */
public record OutgoingMail(UUID id, EmailAddress to, MailTemplate template, Map<String, String> values) {

    public OutgoingMail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        values = Map.copyOf(values);
    }

    /** A new mail with a fresh id. */
    public static OutgoingMail of(EmailAddress to, MailTemplate template, Map<String, String> values) {
        return new OutgoingMail(UUID.randomUUID(), to, template, values);
    }

    @Override
    public String toString() {
        return "OutgoingMail[" + id + ", " + template + " to " + to + ", values " + values.keySet() + "]";
    }
}
