package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A {@code mail_outbox} row: one mail, its state, and its sender's claim. Changed only by conditional updates. */
@Entity
@Table(name = "mail_outbox")
class MailOutboxJpaEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "recipient", nullable = false, updatable = false, length = 254)
    private String recipient;

    @Column(name = "template_name", nullable = false, updatable = false, length = 32)
    private String template;

    @Column(name = "mail_values", nullable = false, length = 4000)
    private String values;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "claim_id")
    private UUID claimId;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected MailOutboxJpaEntity() {
    }

    MailOutboxJpaEntity(UUID id, String recipient, String template, String values, Instant createdAt) {
        this.id = id;
        this.recipient = recipient;
        this.template = template;
        this.values = values;
        this.state = "PENDING";
        this.failedAttempts = 0;
        this.createdAt = createdAt;
        this.dueAt = createdAt;
    }

    UUID getId() {
        return id;
    }

    String getRecipient() {
        return recipient;
    }

    String getTemplate() {
        return template;
    }

    String getValues() {
        return values;
    }

    int getFailedAttempts() {
        return failedAttempts;
    }
}
