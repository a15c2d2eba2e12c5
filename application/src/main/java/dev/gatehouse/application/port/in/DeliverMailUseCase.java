package dev.gatehouse.application.port.in;

/**
 * Sends the mails of the outbox that are due, each once: run by a background worker on every instance. A mail that
 * fails is tried again later, waiting longer after each failure, and given up after many.
 */
public interface DeliverMailUseCase {

    MailDelivery deliverDue();
}
