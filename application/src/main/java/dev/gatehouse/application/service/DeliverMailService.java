package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.in.MailDelivery;
import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailNotSentException;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.Mailer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sends the due mails of the outbox, one claimed at a time (so a claim's lease covers one send, however slow the mail
 * server), until none is due or a round's worth is sent. A failed mail is due again after a wait that doubles with each
 * failure ({@link #retryDelay}), and is given up after {@link #MAX_ATTEMPTS}. A sender that dies mid-send leaves its
 * mail claimed until the lease ends; then another sends it (the one case a mail may go twice, with the same id).
 */
public final class DeliverMailService implements DeliverMailUseCase {

    /** Longer than one send may take (the SMTP adapter's timeouts), so no other sender takes a mail being sent. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);
    /** About a day of retries at the longest wait. */
    static final int MAX_ATTEMPTS = 100;
    private static final int ROUND = 100;

    private final MailOutbox outbox;
    private final Mailer mailer;
    private final Clock clock;

    DeliverMailService(MailOutbox outbox, Mailer mailer, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public MailDelivery deliverDue() {
        int sent = 0;
        int failed = 0;
        int abandoned = 0;
        for (int i = 0; i < ROUND; i++) {
            List<ClaimedMail> claimed = outbox.claim(1, clock.instant(), LEASE);
            if (claimed.isEmpty()) {
                break;
            }
            ClaimedMail mail = claimed.get(0);
            try {
                mailer.send(mail.mail());
            } catch (MailNotSentException notSent) {
                int attempts = mail.failedAttempts() + 1;
                String reason = String.valueOf(notSent.getMessage());
                if (notSent.permanent() || attempts >= MAX_ATTEMPTS) {
                    outbox.abandoned(mail, clock.instant(), reason);
                    abandoned++;
                    continue;
                }
                outbox.failed(mail, clock.instant().plus(retryDelay(attempts)), reason);
                failed++;
                // The server is likely down for the others too: try them at the next round.
                break;
            } catch (RuntimeException broken) {
                // Not the server: the mail itself cannot be rendered or sent (a template without a value). Trying again
                // would fail again, every lease, for ever; it is kept for the operator instead.
                outbox.abandoned(mail, clock.instant(), "cannot be sent: " + broken);
                abandoned++;
                continue;
            }
            outbox.sent(mail, clock.instant());
            sent++;
        }
        return new MailDelivery(sent, failed, abandoned);
    }

    /** 1 s after the first failure, doubling, at most 15 minutes. */
    static Duration retryDelay(int failedAttempts) {
        int doublings = Math.min(failedAttempts - 1, 20);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
