package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.AuditEvent;

/** Keeps a durable trail of security events. Recording must not fail the operation it describes. */
public interface AuditLog {

    void record(AuditEvent event);
}
