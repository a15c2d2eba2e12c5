package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.MfaChallenge;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link MfaChallenges} in {@code mfa_challenges}, by the SHA-256 of the token. Completing one is a conditional
 * {@code DELETE ... WHERE expires_at > now}: of concurrent completions, on any instance, exactly one removes the row.
 */
public final class JpaMfaChallenges implements MfaChallenges {

    private final EntityManagerFactory entityManagerFactory;

    public JpaMfaChallenges(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void issue(MfaChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        MfaChallengeJpaEntity row = new MfaChallengeJpaEntity(challenge.tokenHash(), challenge.user().value(),
                challenge.securityVersion(), challenge.client().map(ClientId::value).orElse(null), Scope.format(challenge.scopes()),
                challenge.resource().map(Audience::value).orElse(null), RefreshTokenJpaMapper.storable(challenge.expiresAt()));
        inTransaction(entityManager -> {
            entityManager.persist(row);
            entityManager.flush();
            return null;
        });
    }

    @Override
    public Optional<MfaChallenge> find(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return inTransaction(entityManager -> Optional.ofNullable(entityManager.find(MfaChallengeJpaEntity.class, tokenHash))
                .map(row -> new MfaChallenge(row.getTokenHash(), new UserId(row.getUserId()), row.getSecurityVersion(),
                        Optional.ofNullable(row.getClientId()).map(ClientId::new), Scope.parseList(row.getScopes()),
                        Optional.ofNullable(row.getResource()).map(Audience::new), row.getExpiresAt())));
    }

    @Override
    public boolean consume(String tokenHash, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(now, "now");
        return inTransaction(entityManager -> entityManager.createQuery(
                        "delete from MfaChallengeJpaEntity c where c.tokenHash = :hash and c.expiresAt > :now")
                .setParameter("hash", tokenHash)
                .setParameter("now", RefreshTokenJpaMapper.storable(now))
                .executeUpdate()) == 1;
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return inTransaction(entityManager -> entityManager.createQuery("delete from MfaChallengeJpaEntity c where c.expiresAt < :cutoff")
                .setParameter("cutoff", RefreshTokenJpaMapper.storable(cutoff))
                .executeUpdate());
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
