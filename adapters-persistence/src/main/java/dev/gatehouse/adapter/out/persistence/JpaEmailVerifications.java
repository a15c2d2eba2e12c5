package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.ResetTokenHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link EmailVerifications} in the {@code email_verifications} table. A new account, its link and the link's mail
 * ({@code users}, {@code mail_outbox}) are inserted in one transaction, as are a link and its mail; a link's use, with
 * the account's change and its notice, is one more ({@link JpaLinkUse}, as in {@link JpaPasswordResets}): of concurrent
 * uses, on any instance, exactly one goes on.
 */
public final class JpaEmailVerifications implements EmailVerifications {

    private final EntityManagerFactory entityManagerFactory;
    private final JpaLinkUse linkUse;
    private final Clock clock;

    /** Links whose use tells {@code changedAccount} (this process's user cache) whose account it changed. */
    public JpaEmailVerifications(EntityManagerFactory entityManagerFactory, Clock clock, Consumer<Username> changedAccount) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.linkUse = new JpaLinkUse(entityManagerFactory, "EmailVerificationJpaEntity", changedAccount);
    }

    @Override
    public AddUserOutcome register(User user, EmailVerification link, OutgoingMail mail) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(mail, "mail");
        try {
            return inTransaction(entityManager -> {
                entityManager.persist(UserJpaMapper.toNewEntity(user, clock.instant().truncatedTo(ChronoUnit.MICROS)));
                // The user first, flushed: a taken username fails here, before the link and its mail exist.
                entityManager.flush();
                entityManager.persist(row(link));
                JpaMailOutbox.enqueueIn(entityManager, mail, link.issuedAt());
                entityManager.flush();
                return AddUserOutcome.ADDED;
            });
        } catch (RuntimeException e) {
            if (JpaUserRepository.violatesUniqueUsername(e)) {
                return AddUserOutcome.USERNAME_TAKEN;
            }
            throw e;
        }
    }

    @Override
    public void issue(EmailVerification link, OutgoingMail mail) {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(mail, "mail");
        inTransaction(entityManager -> {
            entityManager.persist(row(link));
            JpaMailOutbox.enqueueIn(entityManager, mail, link.issuedAt());
            // Inside the transaction, so a failure of either insert rolls both back here.
            entityManager.flush();
            return null;
        });
    }

    @Override
    public Optional<EmailVerification> find(ResetTokenHash hash) {
        Objects.requireNonNull(hash, "hash");
        return inTransaction(entityManager -> Optional.ofNullable(entityManager.find(EmailVerificationJpaEntity.class, hash.hex()))
                .map(row -> new EmailVerification(new ResetTokenHash(row.getTokenHash()), new UserId(row.getUserId()),
                        new EmailAddress(row.getAddress()), row.getIssuedAt(), row.getExpiresAt(), Optional.ofNullable(row.getUsedAt()))));
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
                .createQuery("delete from EmailVerificationJpaEntity v where v.expiresAt < :cutoff")
                .setParameter("cutoff", storable(cutoff))
                .executeUpdate());
    }

    private static EmailVerificationJpaEntity row(EmailVerification link) {
        return new EmailVerificationJpaEntity(link.hash().hex(), link.user().value(), link.address().value(),
                storable(link.issuedAt()), storable(link.expiresAt()), link.usedAt().map(JpaEmailVerifications::storable).orElse(null));
    }

    private static Instant storable(Instant instant) {
        return RefreshTokenJpaMapper.storable(instant);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
