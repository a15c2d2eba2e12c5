package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.PkceChallenge;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link AuthorizationCodes} in the {@code authorization_codes} table, shared by every Gatehouse instance on the
 * database. Redemption is one conditional UPDATE ({@code WHERE redeemed_at IS NULL}): the row lock lets exactly one
 * of concurrent redemptions of a code change it, on any instance; the others find it redeemed and change nothing.
 * Instants are stored, and answered, to the microsecond.
 */
public final class JpaAuthorizationCodes implements AuthorizationCodes {

    private static final int MAX_SCOPES_LENGTH = 2000;

    private final EntityManagerFactory entityManagerFactory;

    JpaAuthorizationCodes(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public void store(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        String scopes = Scope.format(code.scopes());
        if (scopes.length() > MAX_SCOPES_LENGTH) {
            throw new IllegalArgumentException("the code's scopes take " + scopes.length() + " characters, more than "
                    + MAX_SCOPES_LENGTH);
        }
        AuthorizationCodeJpaEntity row = new AuthorizationCodeJpaEntity(code.hash().hex(), code.client().value(),
                code.redirectUri(), code.challenge().value(), code.user().value(), code.securityVersion(), scopes,
                code.nonce().orElse(null), storable(code.issuedAt()), storable(code.expiresAt()),
                code.redeemedAt().map(JpaAuthorizationCodes::storable).orElse(null),
                code.session().map(SessionId::value).orElse(null), storable(code.authTime()),
                code.browserSession().map(BrowserSessionId::value).orElse(null));
        inTransaction(entityManager -> {
            entityManager.persist(row);
            return null;
        });
    }

    @Override
    public Optional<AuthorizationCode> find(AuthorizationCodeHash hash) {
        Objects.requireNonNull(hash, "hash");
        return inTransaction(entityManager -> Optional.ofNullable(entityManager.find(AuthorizationCodeJpaEntity.class, hash.hex()))
                .map(JpaAuthorizationCodes::toDomain));
    }

    @Override
    public boolean redeem(AuthorizationCodeHash hash, SessionId started, Instant at) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(at, "at");
        // The compare-and-set: a concurrent redemption waits on this row's lock and, once the winner commits, finds
        // redeemed_at set and changes nothing.
        return inTransaction(entityManager -> entityManager
                .createQuery("update AuthorizationCodeJpaEntity c set c.redeemedAt = :at, c.sessionId = :session"
                        + " where c.codeHash = :hash and c.redeemedAt is null")
                .setParameter("at", storable(at))
                .setParameter("session", started.value())
                .setParameter("hash", hash.hex())
                .executeUpdate()) == 1;
    }

    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return inTransaction(entityManager -> entityManager
                .createQuery("delete from AuthorizationCodeJpaEntity c where c.expiresAt < :cutoff")
                .setParameter("cutoff", storable(cutoff))
                .executeUpdate());
    }

    private static AuthorizationCode toDomain(AuthorizationCodeJpaEntity row) {
        return new AuthorizationCode(new AuthorizationCodeHash(row.getCodeHash()), new ClientId(row.getClientId()),
                row.getRedirectUri(), new PkceChallenge(row.getCodeChallenge()), new UserId(row.getUserId()),
                row.getSecurityVersion(), Scope.parseList(row.getScopes()), Optional.ofNullable(row.getNonce()),
                row.getIssuedAt(), row.getExpiresAt(), Optional.ofNullable(row.getRedeemedAt()),
                Optional.ofNullable(row.getSessionId()).map(SessionId::new),
                row.getAuthTime() == null ? row.getIssuedAt() : row.getAuthTime(),
                Optional.ofNullable(row.getBrowserSession()).map(BrowserSessionId::new));
    }

    /** The precision both databases keep. */
    private static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
