package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link PasswordResets} in the {@code password_resets} table. A link and its mail ({@code mail_outbox}) are inserted
 * in one transaction; a link's use, with the account's change and its notice, is one more ({@link JpaLinkUse}): of
 * concurrent uses, on any instance, exactly one goes on. Instants are stored to the microsecond.
 */
public final class JpaPasswordResets implements PasswordResets {

    private final EntityManagerFactory entityManagerFactory;
    private final JpaLinkUse linkUse;

    /** Links whose use tells {@code changedAccount} (this process's user cache) whose account it changed. */
    public JpaPasswordResets(EntityManagerFactory entityManagerFactory, Consumer<Username> changedAccount) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.linkUse = new JpaLinkUse(entityManagerFactory, "PasswordResetJpaEntity", changedAccount);
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

    /** {@inheritDoc} One transaction, as {@link JpaLinkUse} tells. */
    @Override
    public Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
        return linkUse.redeem(hash, at, change);
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
