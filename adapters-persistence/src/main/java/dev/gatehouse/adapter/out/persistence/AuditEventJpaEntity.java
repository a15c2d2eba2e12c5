package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The {@code audit_events} row as Hibernate sees it; written once, never changed. */
@Entity
@Table(name = "audit_events")
class AuditEventJpaEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "event_type", nullable = false, updatable = false, length = 32)
    private String eventType;

    @Column(name = "subject", nullable = false, updatable = false, length = 64)
    private String subject;

    @Column(name = "client_address", nullable = false, updatable = false, length = 64)
    private String clientAddress;

    // Null when the subject acted alone.
    @Column(name = "actor", updatable = false, length = 64)
    private String actor;

    protected AuditEventJpaEntity() {
    }

    AuditEventJpaEntity(UUID id, Instant occurredAt, String eventType, String subject, String clientAddress,
                        String actor) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.eventType = eventType;
        this.subject = subject;
        this.clientAddress = clientAddress;
        this.actor = actor;
    }
}
