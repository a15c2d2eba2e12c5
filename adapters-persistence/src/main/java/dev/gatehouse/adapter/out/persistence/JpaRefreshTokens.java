package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.SessionActivity;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link RefreshTokens} in the {@code refresh_sessions} and {@code refresh_tokens} tables, shared by every
 * Gatehouse instance on the database. Each call runs in its own transaction. Rotation is one conditional UPDATE
 * ({@code WHERE rotated_at IS NULL} and the session not revoked), so the database's row lock lets exactly one
 * of concurrent exchanges of a token change it, on any instance; the next token is inserted in the same
 * transaction, only by that one. Instants are stored, and answered, to the microsecond.
 */
public final class JpaRefreshTokens implements RefreshTokens {

    private final EntityManagerFactory entityManagerFactory;

    public JpaRefreshTokens(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void start(RefreshSession session, RefreshTokenHash first, Instant issuedAt) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(issuedAt, "issuedAt");
        RefreshSessionJpaEntity sessionRow = RefreshTokenJpaMapper.toEntity(session);
        RefreshTokenJpaEntity tokenRow = RefreshTokenJpaMapper.toNewEntity(first, session.id(), issuedAt);
        inTransaction(entityManager -> {
            // Hibernate inserts in the order of persist: the session first, as the token's foreign key needs.
            entityManager.persist(sessionRow);
            entityManager.persist(tokenRow);
            return null;
        });
    }

    @Override
    public Optional<RefreshToken> find(RefreshTokenHash hash) {
        Objects.requireNonNull(hash, "hash");
        // One statement reads both rows, so a concurrent housekeeping delete cannot leave a token without its session.
        return inTransaction(entityManager -> entityManager
                .createQuery("select t, s from RefreshTokenJpaEntity t join RefreshSessionJpaEntity s on s.id = t.sessionId"
                        + " where t.tokenHash = :hash", Object[].class)
                .setParameter("hash", hash.hex())
                .getResultStream()
                .findFirst()
                .map(row -> RefreshTokenJpaMapper.toDomain((RefreshTokenJpaEntity) row[0], (RefreshSessionJpaEntity) row[1])));
    }

    @Override
    public boolean rotate(RefreshTokenHash used, RefreshTokenHash next, Instant at) {
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(at, "at");
        Instant rotatedAt = RefreshTokenJpaMapper.storable(at);
        try {
            return inTransaction(entityManager -> {
                // The compare-and-set. A concurrent rotation of the same token waits on this row's lock and, once
                // the winner commits, finds rotated_at set and changes nothing.
                int rotated = entityManager
                        .createQuery("update RefreshTokenJpaEntity t set t.rotatedAt = :at"
                                + " where t.tokenHash = :used and t.rotatedAt is null"
                                + " and t.sessionId in (select s.id from RefreshSessionJpaEntity s where s.revokedAt is null)")
                        .setParameter("at", rotatedAt)
                        .setParameter("used", used.hex())
                        .executeUpdate();
                if (rotated != 1) {
                    return false;
                }
                // The row is locked by the update above until commit, so its session cannot change under us.
                UUID session = entityManager
                        .createQuery("select t.sessionId from RefreshTokenJpaEntity t where t.tokenHash = :used", UUID.class)
                        .setParameter("used", used.hex())
                        .getSingleResult();
                entityManager.persist(RefreshTokenJpaMapper.toNewEntity(next, new SessionId(session), rotatedAt));
                // Flush inside the transaction so that a clash on the next token's hash surfaces here, below.
                entityManager.flush();
                return true;
            });
        } catch (RuntimeException e) {
            // Only the primary key is unique here: the next hash was already issued. The whole rotation rolled
            // back, so nothing changed, which is the port's "false".
            if (ConstraintViolations.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean revoke(SessionId session, Instant at) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        return revokeLiveSessionsWhere("s.id = :key", session.value(), at) == 1;
    }

    @Override
    public int revokeAllOf(UserId user, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        return revokeLiveSessionsWhere("s.userId = :key", user.value(), at);
    }

    @Override
    public int revokeAllOfClient(dev.gatehouse.domain.ClientId client, Instant at) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(at, "at");
        return revokeLiveSessionsWhere("s.clientId = :key", client.value(), at);
    }

    /** Stamps {@code at} on the sessions matching {@code condition} (on {@code :key}) that are not revoked yet. */
    private int revokeLiveSessionsWhere(String condition, Object key, Instant at) {
        return inTransaction(entityManager -> entityManager
                .createQuery("update RefreshSessionJpaEntity s set s.revokedAt = :at where " + condition + " and s.revokedAt is null")
                .setParameter("at", RefreshTokenJpaMapper.storable(at))
                .setParameter("key", key)
                .executeUpdate());
    }

    /** {@inheritDoc} The tokens go with their sessions, by the foreign key's {@code ON DELETE CASCADE}. */
    @Override
    public int forgetEndedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return inTransaction(entityManager -> entityManager
                .createQuery("delete from RefreshSessionJpaEntity s where s.startedAt < :cutoff or s.revokedAt < :cutoff")
                .setParameter("cutoff", RefreshTokenJpaMapper.storable(cutoff))
                .executeUpdate());
    }

    /** {@inheritDoc} One statement: each live session of the user with the newest issue time of its tokens. */
    @Override
    public List<SessionActivity> activeOf(UserId user) {
        Objects.requireNonNull(user, "user");
        return inTransaction(entityManager -> entityManager
                .createQuery("select s, max(t.issuedAt) from RefreshSessionJpaEntity s join RefreshTokenJpaEntity t"
                        + " on t.sessionId = s.id where s.userId = :user and s.revokedAt is null"
                        + " group by s order by max(t.issuedAt) desc", Object[].class)
                .setParameter("user", user.value())
                .getResultStream()
                .map(row -> new SessionActivity(RefreshTokenJpaMapper.toDomain((RefreshSessionJpaEntity) row[0]), (Instant) row[1]))
                .toList());
    }

    /** {@inheritDoc} The owner is part of the conditional UPDATE, so the check and the revocation are one step. */
    @Override
    public boolean revokeOwn(UserId owner, SessionId session, Instant at) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        return inTransaction(entityManager -> entityManager
                .createQuery("update RefreshSessionJpaEntity s set s.revokedAt = :at"
                        + " where s.id = :session and s.userId = :owner and s.revokedAt is null")
                .setParameter("at", RefreshTokenJpaMapper.storable(at))
                .setParameter("session", session.value())
                .setParameter("owner", owner.value())
                .executeUpdate()) == 1;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
