package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link Consents} in the table {@code consents}, one row per user and client, shared by every instance. A grant
 * never writes back a snapshot: it inserts the row (the primary key lets one of two racing inserts win), or replaces
 * exactly the scopes it read with their union ({@code UPDATE … WHERE scopes = ?}); when another grant got there first
 * the insert violates the key or the update changes nothing, and it reads again and retries. So racing grants, on any
 * instance, end with the union of their scopes.
 */
public final class JpaConsents implements Consents {

    private static final String PRIMARY_KEY = "pk_consents";
    private static final int MAX_SCOPES_LENGTH = 2000;
    // Each retry means another grant for the same user and client committed in between: a person clicks a few times.
    private static final int MAX_ATTEMPTS = 64;

    private final EntityManagerFactory entityManagerFactory;

    JpaConsents(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public Optional<Consent> find(UserId user, ClientId client) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        List<?> rows = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("SELECT user_id, client_id, scopes, granted_at FROM consents WHERE user_id = ?1 AND client_id = ?2")
                .setParameter(1, user.value())
                .setParameter(2, client.value())
                .getResultList());
        return rows.stream().findFirst().map(row -> toDomain((Object[]) row));
    }

    @Override
    public Consent grant(UserId user, ClientId client, Set<Scope> scopes, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(at, "at");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Consent> before = find(user, client);
            if (before.isEmpty()) {
                Consent consent = new Consent(user, client, scopes, storable(at));
                if (insert(consent)) {
                    return consent;
                }
                continue;
            }
            Consent after = before.get().alsoAllowing(scopes, storable(at));
            if (replace(before.get(), after)) {
                return after;
            }
        }
        throw new IllegalStateException("the consent of " + user + " to " + client + " kept changing under " + MAX_ATTEMPTS
                + " attempts to add to it");
    }

    private boolean insert(Consent consent) {
        try {
            JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                    .createNativeQuery("INSERT INTO consents (user_id, client_id, scopes, granted_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, consent.user().value())
                    .setParameter(2, consent.client().value())
                    .setParameter(3, formatted(consent.scopes()))
                    .setParameter(4, timestamp(consent.grantedAt()))
                    .executeUpdate());
            return true;
        } catch (RuntimeException failure) {
            if (ConstraintViolations.isUniqueViolationOf(failure, PRIMARY_KEY) || ConstraintViolations.isLockConflict(failure)) {
                return false;
            }
            throw failure;
        }
    }

    /** The compare-and-set: changes the row only while it still holds the scopes read. */
    private boolean replace(Consent before, Consent after) {
        try {
            return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                    .createNativeQuery("UPDATE consents SET scopes = ?1, granted_at = ?2"
                            + " WHERE user_id = ?3 AND client_id = ?4 AND scopes = ?5")
                    .setParameter(1, formatted(after.scopes()))
                    .setParameter(2, timestamp(after.grantedAt()))
                    .setParameter(3, after.user().value())
                    .setParameter(4, after.client().value())
                    .setParameter(5, formatted(before.scopes()))
                    .executeUpdate()) == 1;
        } catch (RuntimeException failure) {
            if (ConstraintViolations.isLockConflict(failure)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public List<Consent> of(UserId user) {
        Objects.requireNonNull(user, "user");
        List<?> rows = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("SELECT user_id, client_id, scopes, granted_at FROM consents WHERE user_id = ?1 ORDER BY client_id")
                .setParameter(1, user.value())
                .getResultList());
        return rows.stream().map(row -> toDomain((Object[]) row)).toList();
    }

    @Override
    public boolean revoke(UserId user, ClientId client) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("DELETE FROM consents WHERE user_id = ?1 AND client_id = ?2")
                .setParameter(1, user.value())
                .setParameter(2, client.value())
                .executeUpdate()) == 1;
    }

    private static String formatted(Set<Scope> scopes) {
        String text = Scope.format(scopes);
        if (text.length() > MAX_SCOPES_LENGTH) {
            throw new IllegalArgumentException("the consent's scopes take " + text.length() + " characters, more than "
                    + MAX_SCOPES_LENGTH);
        }
        return text;
    }

    private static Consent toDomain(Object[] row) {
        UUID user = switch (row[0]) {
            case UUID uuid -> uuid;
            // H2 answers a native query's UUID column as its 16 bytes.
            case byte[] bytes when bytes.length == 16 -> {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                yield new UUID(buffer.getLong(), buffer.getLong());
            }
            default -> UUID.fromString(row[0].toString());
        };
        return new Consent(new UserId(user), new ClientId((String) row[1]), Scope.parseList((String) row[2]), instant(row[3]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            case java.time.ZonedDateTime zoned -> zoned.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    /** The precision both databases keep. */
    private static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** As a type both drivers bind to {@code TIMESTAMP WITH TIME ZONE}. */
    private static OffsetDateTime timestamp(Instant instant) {
        return storable(instant).atOffset(ZoneOffset.UTC);
    }
}
