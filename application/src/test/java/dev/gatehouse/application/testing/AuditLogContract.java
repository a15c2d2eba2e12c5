package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} adapter must do: keep every event whole, whatever its text and however many threads
 * record at once. Extend it, return a log over an empty trail from {@link #newEmptyLog()}, and read back what the
 * last one kept from {@link #recorded()}, by the adapter's own means (the port only writes). Times in the contract
 * are whole milliseconds, the precision every trail here keeps.
 *
 * <p>That a failing trail never fails the caller ("recording must not fail the operation it describes") depends on
 * how the adapter's store fails; each adapter with a store proves it in a test of its own.
 */
public abstract class AuditLogContract {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final ClientAddress CLIENT = new ClientAddress("2001:db8::1");

    /** A log over a trail that holds nothing yet. */
    protected abstract AuditLog newEmptyLog();

    /** Every event the last {@link #newEmptyLog()} kept, in any order. */
    protected abstract List<AuditEvent> recorded();

    /** Whether this log deletes what {@link AuditLog#forgetBefore} asks; a log stream it only writes out does not. */
    protected boolean deletesOnRequest() {
        return true;
    }

    @Test
    void keeps_every_field_of_an_event() {
        AuditLog log = newEmptyLog();
        AuditEvent byAnAdministrator = new AuditEvent(AuditEvent.Type.USER_DISABLED, "Jane.Roe", CLIENT, AT, "root");
        AuditEvent alone = new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "jane", ClientAddress.LOCAL, AT.plusMillis(1));

        log.record(byAnAdministrator);
        log.record(alone);

        assertEquals(List.of(byAnAdministrator, alone), inOrder(recorded()));
    }

    @Test
    void keeps_every_type_of_event() {
        AuditLog log = newEmptyLog();
        List<AuditEvent> events = new ArrayList<>();
        for (AuditEvent.Type type : AuditEvent.Type.values()) {
            events.add(new AuditEvent(type, "jane", CLIENT, AT.plusMillis(type.ordinal())));
        }

        events.forEach(log::record);

        assertEquals(events, inOrder(recorded()));
    }

    @Test
    void keeps_two_identical_events_as_two() {
        AuditLog log = newEmptyLog();
        AuditEvent failed = new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "jane", CLIENT, AT);

        log.record(failed);
        log.record(failed);

        assertEquals(List.of(failed, failed), recorded());
    }

    /** A subject that quotes its way out of a JSON string or a CSV cell must come back as one subject. */
    @Test
    void keeps_a_subject_made_to_look_like_another_record_as_text() {
        AuditLog log = newEmptyLog();
        AuditEvent forged = new AuditEvent(AuditEvent.Type.LOGIN_FAILED,
                "x\",\"event\":\"login_succeeded\\',--;{}<b>", CLIENT, AT, "a\"b\\c");

        log.record(forged);

        assertEquals(List.of(forged), recorded());
    }

    @Test
    void loses_no_event_when_many_threads_record_at_once() throws Exception {
        AuditLog log = newEmptyLog();
        int threads = 8;
        int each = 50;
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < threads * each; i++) {
            events.add(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "user" + i, CLIENT, AT.plusMillis(i)));
        }
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<AuditEvent> share = events.subList(t * each, (t + 1) * each);
                done.add(pool.submit(() -> {
                    start.await();
                    share.forEach(log::record);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }

        assertEquals(events, inOrder(recorded()));
    }

    @Test
    void forgets_the_events_before_the_cutoff_and_keeps_the_rest() {
        AuditLog log = newEmptyLog();
        List<AuditEvent> events = new ArrayList<>();
        for (Instant at : List.of(AT.minusSeconds(86_400), AT.minusMillis(1), AT, AT.plusSeconds(1))) {
            events.add(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "jane", CLIENT, at));
        }
        events.forEach(log::record);

        if (deletesOnRequest()) {
            assertEquals(2, log.forgetBefore(AT));
            assertEquals(events.subList(2, 4), inOrder(recorded()));
        } else {
            assertEquals(0, log.forgetBefore(AT));
            assertEquals(events, inOrder(recorded()));
        }
        assertEquals(0, log.forgetBefore(AT), "nothing left to forget");
    }

    private static List<AuditEvent> inOrder(List<AuditEvent> events) {
        return events.stream().sorted(Comparator.comparing(AuditEvent::occurredAt)).toList();
    }
}
