package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A link's use in one transaction, for both link tables ({@code password_resets}, {@code email_verifications}: the
 * same columns): the account's row is locked first (the order a user's deletion takes its rows in, so the two wait
 * instead of deadlocking), then one conditional UPDATE ({@code WHERE used_at IS NULL AND expires_at > now}) uses the
 * link, so of concurrent uses, on any instance, exactly one goes on; it uses up the account's other links, changes the
 * account and inserts the notice into {@code mail_outbox}. A failure anywhere rolls all of it back. Once committed,
 * this process's user cache is told ({@code changedAccount}); other instances hear of it from the database.
 */
final class JpaLinkUse {

    private final EntityManagerFactory entityManagerFactory;
    private final String entity;
    private final Consumer<Username> changedAccount;

    /** Uses the links of the JPA entity named {@code entity} (mapped with {@code tokenHash, userId, usedAt, expiresAt}). */
    JpaLinkUse(EntityManagerFactory entityManagerFactory, String entity, Consumer<Username> changedAccount) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.entity = Objects.requireNonNull(entity, "entity");
        this.changedAccount = Objects.requireNonNull(changedAccount, "changedAccount");
    }

    Optional<User> redeem(ResetTokenHash hash, Instant at, NoticedChange change) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
        Instant usedAt = RefreshTokenJpaMapper.storable(at);
        Optional<User> after = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
            Optional<UUID> owner = entityManager.createQuery("select l.userId from " + entity + " l where l.tokenHash = :hash", UUID.class)
                    .setParameter("hash", hash.hex())
                    .getResultStream()
                    .findFirst();
            if (owner.isEmpty()) {
                return Optional.<User>empty();
            }
            UserJpaEntity account = entityManager.find(UserJpaEntity.class, owner.get(), LockModeType.PESSIMISTIC_WRITE);
            if (account == null || !used(entityManager, hash, owner.get(), usedAt)) {
                return Optional.<User>empty();
            }
            JpaUserRepository.Written written = JpaUserRepository.written(account, change.change(), usedAt);
            change.noticeFor(written.before(), written.after())
                    .ifPresent(mail -> JpaMailOutbox.enqueueIn(entityManager, mail, at));
            entityManager.flush();
            return Optional.of(written.after());
        });
        after.ifPresent(account -> changedAccount.accept(account.username()));
        return after;
    }

    /** The compare-and-set: a concurrent use waits on this row's lock and then finds used_at set. */
    private boolean used(EntityManager entityManager, ResetTokenHash hash, UUID owner, Instant usedAt) {
        int used = entityManager.createQuery("update " + entity + " l set l.usedAt = :at"
                        + " where l.tokenHash = :hash and l.usedAt is null and l.expiresAt > :at")
                .setParameter("at", usedAt)
                .setParameter("hash", hash.hex())
                .executeUpdate();
        if (used != 1) {
            return false;
        }
        entityManager.createQuery("update " + entity + " l set l.usedAt = :at where l.userId = :user and l.usedAt is null")
                .setParameter("at", usedAt)
                .setParameter("user", owner)
                .executeUpdate();
        return true;
    }
}
