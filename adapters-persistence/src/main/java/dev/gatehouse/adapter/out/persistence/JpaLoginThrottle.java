package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.FailedAttempts;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link LoginThrottle} in the {@code login_throttle} table, shared by every Gatehouse instance on the database.
 * A failure is counted in one transaction that locks the key's row ({@code SELECT ... FOR UPDATE}), so
 * concurrent failures on any instance are applied one after the other and none is lost. When two instances
 * insert a key's first row at once, the primary key refuses one, and that one runs again and finds the row.
 */
public final class JpaLoginThrottle implements LoginThrottle {

    // A lost insert race means another writer's row was committed, so every retry follows someone's progress. The
    // login's turn per account is taken (inserted) and given back (cleared) over and over, so one writer can lose
    // several races in a row: three attempts ran out under 50 parallel logins on PostgreSQL. The bound only
    // guarantees an end.
    private static final int MAX_ATTEMPTS = 100;

    private final EntityManagerFactory entityManagerFactory;

    public JpaLoginThrottle(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public FailedAttempts attemptsOf(ThrottleKey key) {
        Objects.requireNonNull(key, "key");
        return inTransaction(entityManager -> Optional
                .ofNullable(entityManager.find(LoginThrottleJpaEntity.class, key.value()))
                .map(JpaLoginThrottle::toDomain)
                .orElse(FailedAttempts.NONE));
    }

    /**
     * {@inheritDoc} Instants are stored, and answered, to the microsecond. {@code change} may run more than once
     * (when an insert race is retried), so it must only compute, as the domain's policies do.
     */
    @Override
    public FailedAttempts change(ThrottleKey key, UnaryOperator<FailedAttempts> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(entityManager -> applyLocked(entityManager, key, change));
            } catch (RuntimeException e) {
                // Only the primary key is unique here: another instance inserted the key's first row after our read.
                // The next attempt finds that row and locks it, or, if it was cleared meanwhile, races to insert again.
                if (attempt >= MAX_ATTEMPTS || !ConstraintViolations.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void clear(ThrottleKey key) {
        Objects.requireNonNull(key, "key");
        inTransaction(entityManager -> entityManager
                .createQuery("delete from LoginThrottleJpaEntity t where t.throttleKey = :key")
                .setParameter("key", key.value())
                .executeUpdate());
    }

    /**
     * Deletes the keys whose last failure is before {@code cutoff} and that block nothing after it, and answers
     * how many. An attacker spraying guesses over made-up names leaves a row per name; run this now and then
     * with a cutoff past every policy's memory (the longer of the account backoff's quiet period and the
     * client budget's window), after which such a row counts the same as none.
     */
    @Override
    public int forgetQuietSince(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return inTransaction(entityManager -> entityManager
                .createQuery("delete from LoginThrottleJpaEntity t"
                        + " where t.lastFailureAt < :cutoff and t.blockedUntil <= :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    private static FailedAttempts applyLocked(EntityManager entityManager, ThrottleKey key,
                                              UnaryOperator<FailedAttempts> change) {
        LoginThrottleJpaEntity row = entityManager.find(LoginThrottleJpaEntity.class, key.value(), LockModeType.PESSIMISTIC_WRITE);
        FailedAttempts before = row == null ? FailedAttempts.NONE : toDomain(row);
        FailedAttempts after = storable(Objects.requireNonNull(change.apply(before), "change must not answer null"));
        if (after.equals(before)) {
            return before; // a refused attempt: nothing to write
        }
        if (row == null) {
            LoginThrottleJpaEntity inserted = new LoginThrottleJpaEntity(key.value());
            copyInto(after, inserted);
            entityManager.persist(inserted);
            // Flush inside the transaction so a lost insert race surfaces here, where it is retried.
            entityManager.flush();
        } else {
            copyInto(after, row);
        }
        return after;
    }

    private static FailedAttempts toDomain(LoginThrottleJpaEntity row) {
        return new FailedAttempts(row.getFailures(), row.getFirstFailureAt(), row.getLastFailureAt(), row.getBlockedUntil());
    }

    private static void copyInto(FailedAttempts attempts, LoginThrottleJpaEntity row) {
        row.setAttempts(attempts.count(), attempts.firstFailureAt(), attempts.lastFailureAt(), attempts.blockedUntil());
    }

    /** The precision both databases keep, so what is answered equals what is read back later. */
    private static FailedAttempts storable(FailedAttempts attempts) {
        return new FailedAttempts(attempts.count(),
                attempts.firstFailureAt().truncatedTo(ChronoUnit.MICROS),
                attempts.lastFailureAt().truncatedTo(ChronoUnit.MICROS),
                attempts.blockedUntil().truncatedTo(ChronoUnit.MICROS));
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
