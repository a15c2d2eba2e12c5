package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailOutbox} adapter must do: keep every mail until it is sent or given up, and hand each due mail
 * to one claimer at a time, also when many claim at once. Extend it and return an empty outbox; a shared store's
 * adapter adds {@link #anotherInstance()} to run the race across two instances.
 */
public abstract class MailOutboxContract {

    protected static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private MailOutbox outbox;

    protected abstract MailOutbox newEmptyOutbox();

    /** A second instance over the same store as the last {@link #newEmptyOutbox()}; the same one for an in-memory store. */
    protected MailOutbox anotherInstance() {
        return outbox;
    }

    @BeforeEach
    void create() {
        outbox = newEmptyOutbox();
    }

    @Test
    void hands_out_an_enqueued_mail_with_everything_it_holds() {
        OutgoingMail mail = aMail("jane@example.com", "token", "s3cr3t &<>\"' ünïcode");
        outbox.enqueue(mail, T0);

        List<ClaimedMail> claimed = outbox.claim(10, T0, LEASE);

        assertEquals(1, claimed.size());
        assertEquals(mail, claimed.get(0).mail());
        assertEquals(0, claimed.get(0).failedAttempts());
        assertEquals(1, outbox.pending());
    }

    @Test
    void hands_out_no_mail_before_it_is_due() {
        outbox.enqueue(aMail("jane@example.com"), T0);

        assertEquals(List.of(), outbox.claim(10, T0.minusSeconds(1), LEASE));
    }

    @Test
    void hands_a_claimed_mail_to_nobody_else_until_the_lease_ends() {
        outbox.enqueue(aMail("jane@example.com"), T0);
        ClaimedMail first = outbox.claim(10, T0, LEASE).get(0);

        assertEquals(List.of(), outbox.claim(10, T0.plusSeconds(1), LEASE));
        List<ClaimedMail> afterLease = outbox.claim(10, T0.plus(LEASE), LEASE);
        assertEquals(1, afterLease.size(), "a sender that died lets its mail go when the lease ends");
        assertFalse(outbox.sent(first, T0.plus(LEASE)), "the first claim is no longer held");
        assertTrue(outbox.sent(afterLease.get(0), T0.plus(LEASE)));
    }

    @Test
    void never_hands_out_a_sent_mail_again() {
        outbox.enqueue(aMail("jane@example.com"), T0);
        ClaimedMail claimed = outbox.claim(10, T0, LEASE).get(0);

        assertTrue(outbox.sent(claimed, T0));

        assertEquals(List.of(), outbox.claim(10, T0.plus(Duration.ofDays(1)), LEASE));
        assertFalse(outbox.sent(claimed, T0), "sent once");
        assertEquals(0, outbox.pending());
    }

    @Test
    void hands_out_a_failed_mail_again_when_its_retry_is_due_counting_the_failure() {
        outbox.enqueue(aMail("jane@example.com"), T0);
        ClaimedMail claimed = outbox.claim(10, T0, LEASE).get(0);

        assertTrue(outbox.failed(claimed, T0.plusSeconds(30), "connection refused"));

        assertEquals(List.of(), outbox.claim(10, T0.plusSeconds(29), LEASE));
        ClaimedMail again = outbox.claim(10, T0.plusSeconds(30), LEASE).get(0);
        assertEquals(1, again.failedAttempts());
        assertEquals(claimed.mail(), again.mail());
    }

    @Test
    void never_hands_out_an_abandoned_mail_again() {
        outbox.enqueue(aMail("jane@example.com"), T0);
        ClaimedMail claimed = outbox.claim(10, T0, LEASE).get(0);

        assertTrue(outbox.abandoned(claimed, T0, "no such mailbox"));

        assertEquals(List.of(), outbox.claim(10, T0.plus(Duration.ofDays(1)), LEASE));
        assertEquals(0, outbox.pending());
    }

    @Test
    void hands_out_the_oldest_due_mails_first_and_at_most_as_many_as_asked() {
        List<OutgoingMail> mails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OutgoingMail mail = aMail("user" + i + "@example.com");
            mails.add(mail);
            outbox.enqueue(mail, T0.plusSeconds(i));
        }

        List<ClaimedMail> claimed = outbox.claim(3, T0.plusSeconds(10), LEASE);

        assertEquals(mails.subList(0, 3), claimed.stream().map(ClaimedMail::mail).toList());
    }

    @Test
    void refuses_a_mail_id_twice() {
        OutgoingMail mail = aMail("jane@example.com");
        outbox.enqueue(mail, T0);

        try {
            outbox.enqueue(mail, T0);
        } catch (RuntimeException refused) {
            // expected: the id is the mail's identity
        }
        assertEquals(1, outbox.claim(10, T0, LEASE).size());
    }

    @Test
    void hands_each_mail_to_exactly_one_of_many_claimers_at_once_on_two_instances() throws Exception {
        MailOutbox other = anotherInstance();
        int mails = 60;
        for (int i = 0; i < mails; i++) {
            outbox.enqueue(aMail("racer" + i + "@example.com"), T0);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<UUID>>> claimers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            MailOutbox instance = i % 2 == 0 ? outbox : other;
            claimers.add(() -> {
                start.await();
                List<UUID> mine = new ArrayList<>();
                while (true) {
                    List<ClaimedMail> claimed = instance.claim(3, T0, LEASE);
                    if (claimed.isEmpty()) {
                        return mine;
                    }
                    for (ClaimedMail mail : claimed) {
                        mine.add(mail.mail().id());
                    }
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<UUID>>> outcomes = new ArrayList<>();
            for (Callable<List<UUID>> claimer : claimers) {
                outcomes.add(pool.submit(claimer));
            }
            start.countDown();
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> outcome : outcomes) {
                all.addAll(outcome.get());
            }
            Set<UUID> distinct = new HashSet<>(all);
            assertEquals(mails, distinct.size(), "every mail was claimed");
            assertEquals(mails, all.size(), "no mail was claimed twice");
        } finally {
            pool.shutdownNow();
        }
    }

    protected static OutgoingMail aMail(String to) {
        return aMail(to, "username", "jane");
    }

    protected static OutgoingMail aMail(String to, String key, String value) {
        return new OutgoingMail(UUID.randomUUID(), new EmailAddress(to), MailTemplate.PASSWORD_RESET, Map.of(key, value, "minutes", "30"));
    }
}
