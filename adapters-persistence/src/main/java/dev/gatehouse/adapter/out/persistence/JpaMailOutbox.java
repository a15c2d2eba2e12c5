package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.ClaimedMail;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.OutgoingMail;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link MailOutbox} in the {@code mail_outbox} table, shared by every instance on the database. A claim is one
 * conditional UPDATE per mail, in a transaction of its own ({@code WHERE state = 'PENDING' AND due_at <= now}, setting
 * the claim and moving {@code due_at} to the lease's end): a concurrent claimer waits on the row lock and, once the
 * winner commits, finds the row no longer due and changes nothing, on PostgreSQL and on H2. Settling a claim is
 * conditional on holding it ({@code claim_id}), so a sender whose lease ran out cannot undo its successor's work.
 */
public final class JpaMailOutbox implements MailOutbox {

    /** Candidates read per mail wanted: some will have gone to concurrent claimers. */
    private static final int CANDIDATES_PER_CLAIM = 4;
    private static final int MAX_ERROR_LENGTH = 500;

    private final EntityManagerFactory entityManagerFactory;

    public JpaMailOutbox(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void enqueue(OutgoingMail mail, Instant at) {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(at, "at");
        MailOutboxJpaEntity row = MailOutboxJpaMapper.toNewEntity(mail, at);
        inTransaction(entityManager -> {
            entityManager.persist(row);
            return null;
        });
    }

    /** Stores the mail in the caller's transaction: a mail caused by a change commits or rolls back with it. */
    static void enqueueIn(EntityManager entityManager, OutgoingMail mail, Instant at) {
        entityManager.persist(MailOutboxJpaMapper.toNewEntity(mail, at));
    }

    @Override
    public List<ClaimedMail> claim(int max, Instant now, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        Instant due = RefreshTokenJpaMapper.storable(now);
        Instant leaseEnd = RefreshTokenJpaMapper.storable(now.plus(lease));
        List<UUID> candidates = inTransaction(entityManager -> entityManager
                .createQuery("select m.id from MailOutboxJpaEntity m where m.state = 'PENDING' and m.dueAt <= :now"
                        + " order by m.dueAt, m.createdAt, m.id", UUID.class)
                .setParameter("now", due)
                .setMaxResults(max * CANDIDATES_PER_CLAIM)
                .getResultList());
        List<ClaimedMail> claimed = new ArrayList<>();
        for (UUID id : candidates) {
            if (claimed.size() == max) {
                break;
            }
            UUID claim = UUID.randomUUID();
            // One row per transaction: a claimer holds one row lock at a time, so claimers never deadlock.
            inTransaction(entityManager -> {
                int won = entityManager.createQuery("update MailOutboxJpaEntity m set m.claimId = :claim, m.dueAt = :leaseEnd"
                                + " where m.id = :id and m.state = 'PENDING' and m.dueAt <= :now")
                        .setParameter("claim", claim)
                        .setParameter("leaseEnd", leaseEnd)
                        .setParameter("id", id)
                        .setParameter("now", due)
                        .executeUpdate();
                if (won == 1) {
                    MailOutboxJpaEntity row = entityManager.find(MailOutboxJpaEntity.class, id);
                    claimed.add(new ClaimedMail(MailOutboxJpaMapper.toDomain(row), claim, row.getFailedAttempts()));
                }
                return null;
            });
        }
        return claimed;
    }

    @Override
    public boolean sent(ClaimedMail claimed, Instant at) {
        // The values go: they may hold a reset token, which no one needs once the mail is sent.
        return settle(claimed, "m.state = 'SENT', m.settledAt = :at, m.values = '', m.claimId = null", at, null);
    }

    @Override
    public boolean failed(ClaimedMail claimed, Instant retryAt, String reason) {
        return settle(claimed, "m.failedAttempts = m.failedAttempts + 1, m.dueAt = :at, m.claimId = null, m.lastError = :error",
                retryAt, reason);
    }

    @Override
    public boolean abandoned(ClaimedMail claimed, Instant at, String reason) {
        return settle(claimed, "m.state = 'ABANDONED', m.failedAttempts = m.failedAttempts + 1, m.settledAt = :at,"
                + " m.values = '', m.claimId = null, m.lastError = :error", at, reason);
    }

    @Override
    public long pending() {
        return inTransaction(entityManager -> entityManager
                .createQuery("select count(m) from MailOutboxJpaEntity m where m.state = 'PENDING'", Long.class)
                .getSingleResult());
    }

    private boolean settle(ClaimedMail claimed, String assignments, Instant at, String error) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(at, "at");
        return inTransaction(entityManager -> {
            var update = entityManager.createQuery("update MailOutboxJpaEntity m set " + assignments
                            + " where m.id = :id and m.claimId = :claim and m.state = 'PENDING'")
                    .setParameter("id", claimed.mail().id())
                    .setParameter("claim", claimed.claim())
                    .setParameter("at", RefreshTokenJpaMapper.storable(at));
            if (error != null) {
                update.setParameter("error", error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
            }
            return update.executeUpdate() == 1;
        });
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
