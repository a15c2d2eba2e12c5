package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.AuditEvent;
import java.time.Instant;

/** Keeps a durable trail of security events. Recording must not fail the operation it describes. */
public interface AuditLog {

    void record(AuditEvent event);

    /**
     * Deletes the events that occurred before {@code cutoff} and answers how many, so a flood of audited attempts
     * cannot fill the store for ever (housekeeping, after the retention period). A trail this process only writes
     * out (a log stream) deletes nothing and answers 0: its retention is the log's.
     */
    int forgetBefore(Instant cutoff);
}
