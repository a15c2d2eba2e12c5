package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.domain.ClientId;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * {@link AssertionReplays} in the table {@code used_client_assertions}: one {@code INSERT} per use, and the primary
 * key on (client, jti) decides which of two concurrent uses, on one instance or several, is the first; the other's
 * insert violates it and is answered "used before". Nothing is read first, so there is no window between a check and
 * a write.
 */
public final class JpaAssertionReplays implements AssertionReplays {

    private static final String PRIMARY_KEY = "pk_used_client_assertions";

    private final EntityManagerFactory entityManagerFactory;

    JpaAssertionReplays(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public boolean firstUse(ClientId client, String tokenId, Instant expiresAt) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        try {
            JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                    .createNativeQuery("INSERT INTO used_client_assertions (client_id, jti, expires_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, client.value())
                    .setParameter(2, tokenId)
                    .setParameter(3, storable(expiresAt))
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
    public int forgetExpiredBefore(Instant cutoff) {
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createNativeQuery("DELETE FROM used_client_assertions WHERE expires_at < ?1")
                .setParameter(1, storable(cutoff))
                .executeUpdate());
    }

    /** The precision both databases keep, as a type both drivers bind to {@code TIMESTAMP WITH TIME ZONE}. */
    private static OffsetDateTime storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
