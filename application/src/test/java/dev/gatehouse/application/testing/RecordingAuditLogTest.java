package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import java.util.List;

/** The in-memory audit log the use-case tests read keeps to the contract every audit log keeps. */
class RecordingAuditLogTest extends AuditLogContract {

    private RecordingAuditLog log;

    @Override
    protected AuditLog newEmptyLog() {
        log = new RecordingAuditLog();
        return log;
    }

    @Override
    protected List<AuditEvent> recorded() {
        return log.events();
    }
}
