package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.SessionId;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link BrowserSessionRegistry} in {@code ended_browser_sessions} and {@code browser_session_refresh_sessions}
 * (V17), shared by every instance on the database. Ending is one INSERT: of concurrent logouts the primary key lets
 * exactly one end the session; every read goes to the database, so an ended session is ended everywhere at once.
 */
public final class JpaBrowserSessionRegistry implements BrowserSessionRegistry {

    private static final String PRIMARY_KEY = "pk_ended_browser_sessions";

    private final EntityManagerFactory entityManagerFactory;
    private final Clock clock;

    JpaBrowserSessionRegistry(EntityManagerFactory entityManagerFactory, Clock clock) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean end(BrowserSessionId session, Instant at) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        try {
            JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                    .createNativeQuery("INSERT INTO ended_browser_sessions (browser_session, ended_at) VALUES (?1, ?2)")
                    .setParameter(1, session.value())
                    .setParameter(2, storable(at))
                    .executeUpdate());
            return true;
        } catch (RuntimeException failure) {
            if (ConstraintViolations.isUniqueViolationOf(failure, PRIMARY_KEY)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public boolean hasEnded(BrowserSessionId session) {
        Objects.requireNonNull(session, "session");
        return !JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("SELECT 1 FROM ended_browser_sessions WHERE browser_session = ?1")
                .setParameter(1, session.value())
                .getResultList()).isEmpty();
    }

    @Override
    public void attach(SessionId started, Origin origin) {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(origin, "origin");
        JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("INSERT INTO browser_session_refresh_sessions (session_id, browser_session, auth_time,"
                        + " attached_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, started.value())
                .setParameter(2, origin.browserSession().value())
                .setParameter(3, storable(origin.authTime()))
                .setParameter(4, storable(clock.instant()))
                .executeUpdate());
    }

    @Override
    public Optional<Origin> originOf(SessionId session) {
        Objects.requireNonNull(session, "session");
        List<?> rows = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("SELECT browser_session, auth_time FROM browser_session_refresh_sessions WHERE session_id = ?1")
                .setParameter(1, session.value())
                .getResultList());
        return rows.stream().findFirst().map(row -> (Object[]) row)
                .map(row -> new Origin(new BrowserSessionId((String) row[0]), instant(row[1])));
    }

    @Override
    public List<SessionId> sessionsOf(BrowserSessionId session) {
        Objects.requireNonNull(session, "session");
        List<?> rows = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("SELECT session_id FROM browser_session_refresh_sessions WHERE browser_session = ?1")
                .setParameter(1, session.value())
                .getResultList());
        return rows.stream().map(JpaBrowserSessionRegistry::uuid).map(SessionId::new).toList();
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("DELETE FROM ended_browser_sessions WHERE ended_at < ?1")
                .setParameter(1, storable(cutoff))
                .executeUpdate()
                + entityManager.createNativeQuery("DELETE FROM browser_session_refresh_sessions WHERE attached_at < ?1")
                .setParameter(1, storable(cutoff))
                .executeUpdate());
    }

    /** The precision both databases keep, as a type both drivers bind to {@code TIMESTAMP WITH TIME ZONE}. */
    private static OffsetDateTime storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** PostgreSQL's driver answers a UUID, H2's its 16 bytes. */
    private static UUID uuid(Object value) {
        if (value instanceof byte[] bytes && bytes.length == 16) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            case TemporalAccessor temporal -> Instant.from(temporal);
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }
}
