package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link PasswordResets} in the {@code password_resets} table. A link and its mail ({@code mail_outbox}) are inserted
 * in one transaction. Using a link is one conditional UPDATE ({@code WHERE used_at IS NULL AND expires_at > now}): of
 * concurrent uses, on any instance, the row lock lets exactly one change it; the same transaction then uses up the
 * account's other links. Instants are stored to the microsecond.
 */
public final class JpaPasswordResets implements PasswordResets {

    private final EntityManagerFactory entityManagerFactory;

    public JpaPasswordResets(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void issue(PasswordReset reset, OutgoingMail mail) {
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(mail, "mail");
        PasswordResetJpaEntity row = new PasswordResetJpaEntity(reset.hash().hex(), reset.user().value(),
                storable(reset.issuedAt()), storable(reset.expiresAt()), reset.usedAt().map(JpaPasswordResets::storable).orElse(null));
        inTransaction(entityManager -> {
            entityManager.persist(row);
            JpaMailOutbox.enqueueIn(entityManager, mail, reset.issuedAt());
            // Inside the transaction, so a failure of either insert rolls both back here.
            entityManager.flush();
            return null;
        });
    }

    @Override
    public Optional<PasswordReset> find(ResetTokenHash hash) {
        Objects.requireNonNull(hash, "hash");
        return inTransaction(entityManager -> Optional.ofNullable(entityManager.find(PasswordResetJpaEntity.class, hash.hex()))
                .map(row -> new PasswordReset(new ResetTokenHash(row.getTokenHash()), new UserId(row.getUserId()), row.getIssuedAt(),
                        row.getExpiresAt(), Optional.ofNullable(row.getUsedAt()))));
    }

    @Override
    public boolean redeem(ResetTokenHash hash, Instant at) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Instant usedAt = storable(at);
        return inTransaction(entityManager -> {
            // The compare-and-set: a concurrent use waits on this row's lock and then finds used_at set.
            int used = entityManager.createQuery("update PasswordResetJpaEntity r set r.usedAt = :at"
                            + " where r.tokenHash = :hash and r.usedAt is null and r.expiresAt > :at")
                    .setParameter("at", usedAt)
                    .setParameter("hash", hash.hex())
                    .executeUpdate();
            if (used != 1) {
                return false;
            }
            UUID user = entityManager.createQuery("select r.userId from PasswordResetJpaEntity r where r.tokenHash = :hash", UUID.class)
                    .setParameter("hash", hash.hex())
                    .getSingleResult();
            entityManager.createQuery("update PasswordResetJpaEntity r set r.usedAt = :at where r.userId = :user and r.usedAt is null")
                    .setParameter("at", usedAt)
                    .setParameter("user", user)
                    .executeUpdate();
            return true;
        });
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return inTransaction(entityManager -> entityManager
                .createQuery("delete from PasswordResetJpaEntity r where r.expiresAt < :cutoff")
                .setParameter("cutoff", storable(cutoff))
                .executeUpdate());
    }

    private static Instant storable(Instant instant) {
        return RefreshTokenJpaMapper.storable(instant);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
