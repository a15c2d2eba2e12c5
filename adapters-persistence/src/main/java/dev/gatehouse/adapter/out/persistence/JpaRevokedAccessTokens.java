package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.SessionId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@link RevokedAccessTokens} in the database, answered from memory: every protected request asks, so a lookup
 * must not cost a query. A revocation here is in memory at once; one on another instance arrives with the next
 * look at the rows revoked since the last one, at most {@link #refreshInterval} apart (one request does it while
 * the others answer from what is known). Each look re-reads a margin before the last, so a row whose transaction
 * committed late is still seen. Entries are dropped from memory once their token has expired.
 *
 * <p>While the database cannot be reached, the answer comes from memory for at most {@code staleReads} after the
 * last successful look (every revocation known by then still counts); past that, {@link StoreUnavailableException}.
 *
 * <p>A revoked session is a row of the same table, keyed {@code sid:<session id>} and kept until the last of its
 * access tokens can have expired; so it costs no second query and reaches other instances the same way. No token
 * id can take that form: token ids are the UUIDs this service signs into its tokens.
 */
public final class JpaRevokedAccessTokens implements RevokedAccessTokens {

    /** How stale another instance's revocations may be here. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LATE_COMMIT_MARGIN = Duration.ofSeconds(30);
    private static final String PRIMARY_KEY = "pk_revoked_access_tokens";
    private static final String SESSION_PREFIX = "sid:";

    private final EntityManagerFactory entityManagerFactory;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    /** Revoked sessions by their row key: apart from token ids, so that neither can be mistaken for the other. */
    private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Instant lastLook = Instant.EPOCH;
    private volatile Instant seenSince = Instant.EPOCH;
    private final Duration staleReads;
    private volatile boolean unreachable;

    JpaRevokedAccessTokens(EntityManagerFactory entityManagerFactory, Clock clock, Duration refreshInterval) {
        this(entityManagerFactory, clock, refreshInterval, Duration.ZERO);
    }

    JpaRevokedAccessTokens(EntityManagerFactory entityManagerFactory, Clock clock, Duration refreshInterval,
                           Duration staleReads) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.staleReads = Objects.requireNonNull(staleReads, "staleReads");
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        store(tokenId, expiresAt);
        revoked.put(tokenId, expiresAt);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        refreshIfStale();
        return revoked.containsKey(tokenId);
    }

    @Override
    public void revokeSession(SessionId session, Instant until) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(until, "until");
        store(keyOf(session), until);
        revokedSessions.put(keyOf(session), until);
    }

    @Override
    public boolean isSessionRevoked(SessionId session) {
        refreshIfStale();
        return revokedSessions.containsKey(keyOf(session));
    }

    private static String keyOf(SessionId session) {
        return SESSION_PREFIX + session.value();
    }

    /** Stores the row, once. */
    private void store(String tokenId, Instant expiresAt) {
        Instant now = now();
        try {
            inTransaction(entityManager -> {
                if (entityManager.find(RevokedAccessTokenJpaEntity.class, tokenId) == null) {
                    entityManager.persist(new RevokedAccessTokenJpaEntity(tokenId, storable(expiresAt), now));
                    entityManager.flush();
                }
                return null;
            });
        } catch (RuntimeException failure) {
            // Revoked by another request at the same moment: the row is there, which is all this wanted.
            if (!ConstraintViolations.isUniqueViolationOf(failure, PRIMARY_KEY)) {
                throw failure;
            }
        }
    }

    /** Deletes the rows of tokens and sessions refused only until before {@code cutoff}; the number deleted. */
    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        return inTransaction(entityManager -> entityManager
                .createQuery("delete from RevokedAccessTokenJpaEntity t where t.expiresAt < :cutoff")
                .setParameter("cutoff", storable(cutoff))
                .executeUpdate());
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        if (now.isBefore(lastLook.plus(refreshInterval))) {
            return;
        }
        if (!refreshing.tryLock()) {
            // Another request is looking; answer from memory, unless the database is known down for too long.
            if (unreachable && tooStale(now)) {
                throw new StoreUnavailableException("revoked access tokens last read at " + lastLook, null);
            }
            return;
        }
        try {
            Instant since = seenSince.minus(LATE_COMMIT_MARGIN);
            List<RevokedAccessTokenJpaEntity> rows = inTransaction(entityManager -> entityManager
                    .createQuery("select t from RevokedAccessTokenJpaEntity t where t.revokedAt >= :since"
                            + " and t.expiresAt > :now", RevokedAccessTokenJpaEntity.class)
                    .setParameter("since", storable(since.isBefore(Instant.EPOCH) ? Instant.EPOCH : since))
                    .setParameter("now", storable(now))
                    .getResultList());
            rows.forEach(row -> (row.getTokenId().startsWith(SESSION_PREFIX) ? revokedSessions : revoked)
                    .put(row.getTokenId(), row.getExpiresAt()));
            revoked.values().removeIf(expiresAt -> expiresAt.isBefore(now));
            revokedSessions.values().removeIf(until -> until.isBefore(now));
            seenSince = now;
            lastLook = now;
            unreachable = false;
        } catch (StoreUnavailableException down) {
            unreachable = true;
            if (tooStale(now)) {
                throw down;
            }
        } finally {
            refreshing.unlock();
        }
    }

    private boolean tooStale(Instant now) {
        return now.isAfter(lastLook.plus(staleReads));
    }

    private Instant now() {
        return storable(clock.instant());
    }

    /** The precision both databases keep. */
    private static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
