package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends every audit event to several audit logs (the database table and the JSON log lines). One log
 * failing must neither stop the others nor the operation being audited.
 */
public final class AuditLogs implements AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLogs.class.getName());
    private final List<AuditLog> logs;

    public AuditLogs(AuditLog... logs) {
        this.logs = List.of(logs);
    }

    @Override
    public void record(AuditEvent event) {
        for (AuditLog log : logs) {
            try {
                log.record(event);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "audit log " + log.getClass().getSimpleName() + " failed to record a " + event.type(), failed);
            }
        }
    }

    /** What every log deleted: each keeps the events its own way, so each forgets them its own way. */
    @Override
    public int forgetBefore(Instant cutoff) {
        return logs.stream().mapToInt(log -> log.forgetBefore(cutoff)).sum();
    }
}
