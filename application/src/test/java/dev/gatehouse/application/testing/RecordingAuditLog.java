package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every audit event in memory, so tests can see what was recorded. */
public final class RecordingAuditLog implements AuditLog {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(event -> event.occurredAt().isBefore(cutoff));
        return before - events.size();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets what was recorded so far, so a test sees only the events of what it does next. */
    public void clear() {
        events.clear();
    }

    public List<AuditEvent.Type> types() {
        return events.stream().map(AuditEvent::type).toList();
    }
}
