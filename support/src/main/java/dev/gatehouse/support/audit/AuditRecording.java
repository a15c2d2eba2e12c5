package dev.gatehouse.support.audit;

import dev.gatehouse.domain.AuditEvent;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the audit adapters share: the events' names, and how a failure to record one is reported. */
public final class AuditRecording {

    // Enough to reach the driver's own exception under Hibernate's and JPA's wrappers.
    private static final int MAX_CAUSES = 8;

    private AuditRecording() {
    }

    /** The name stored and logged for a type, such as {@code login_failed}, the same in every audit trail. */
    public static String eventName(AuditEvent.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Logs a WARNING that the event was lost, naming its type and time but never its subject: the subject is
     * attacker-chosen text, and this log is not the audit trail. The stack trace is left out too, because driver
     * messages can quote the values of the failed statement; a message that does is withheld.
     */
    public static void warnNotRecorded(Logger logger, AuditEvent event, RuntimeException failure) {
        String what = event == null ? "a null audit event" : "audit event " + eventName(event.type()) + " at " + event.occurredAt();
        String subject = event == null ? "" : event.subject();
        String causes = Stream.<Throwable>iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause())
                .limit(MAX_CAUSES)
                .map(t -> t.getClass().getName() + ": " + withoutSubject(t.getMessage(), subject))
                .collect(Collectors.joining("; caused by "));
        logger.log(Level.WARNING, "{0} was not recorded: {1}", new Object[] {what, causes});
    }

    private static String withoutSubject(String message, String subject) {
        boolean quotesSubject = message != null && !subject.isEmpty() && message.contains(subject);
        return quotesSubject ? "(message withheld: it quotes the subject)" : message;
    }
}
