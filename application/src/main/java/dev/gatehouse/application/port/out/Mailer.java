package dev.gatehouse.application.port.out;

/**
 * Sends one mail: renders its template and hands it to the mail server. Called only by the outbox's delivery, never
 * inside a request. Every adapter passes {@code MailerContract}.
 */
public interface Mailer {

    /**
     * Renders and sends {@code mail}, with its id as the message's identity. Throws {@link MailNotSentException} when it
     * could not: the delivery tries again later.
     */
    void send(OutgoingMail mail);
}
