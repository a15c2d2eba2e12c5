package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.support.audit.AuditRecording;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.domain.AuditEvent;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link AuditLog} in the {@code audit_events} table, one row per event with a random id, so the trail can be
 * queried by time or subject. A database failure never reaches the caller: the event is lost, with a WARNING.
 */
public final class JpaAuditLog implements AuditLog {

    private static final Logger LOGGER = Logger.getLogger(JpaAuditLog.class.getName());

    private final EntityManagerFactory entityManagerFactory;

    public JpaAuditLog(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void record(AuditEvent event) {
        try {
            AuditEventJpaEntity row = new AuditEventJpaEntity(UUID.randomUUID(),
                    // The precision both databases keep, rather than each rounding its own way.
                    event.occurredAt().truncatedTo(ChronoUnit.MICROS),
                    AuditRecording.eventName(event.type()), event.subject(), event.client().value(),
                    event.hasActor() ? event.actor() : null);
            JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
                entityManager.persist(row);
                return null;
            });
        } catch (RuntimeException e) {
            AuditRecording.warnNotRecorded(LOGGER, event, e);
        }
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("delete from AuditEventJpaEntity e where e.occurredAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }
}
