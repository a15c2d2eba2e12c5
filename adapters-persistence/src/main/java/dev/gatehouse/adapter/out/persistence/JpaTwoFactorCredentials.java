package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.RecoveryCodeHash;
import dev.gatehouse.domain.TotpSecret;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link TwoFactorCredentials} in {@code two_factor_credentials} and {@code recovery_codes}. The TOTP secret is stored
 * encrypted ({@link SigningKeyEncryption#forTwoFactorSecrets}), bound to its user and enrolment, so a secret copied onto
 * another row does not open. Every change that depends on what was read is one conditional statement: accepting a step
 * ({@code WHERE last_used_step < step}), using a recovery code (a {@code DELETE} of its row), activating
 * ({@code WHERE enrolment_id = ? AND active = false}); of concurrent writers, on any instance, the row lock lets one win.
 */
public final class JpaTwoFactorCredentials implements TwoFactorCredentials {

    private final EntityManagerFactory entityManagerFactory;
    private final SigningKeyEncryption encryption;

    public JpaTwoFactorCredentials(EntityManagerFactory entityManagerFactory, SigningKeyEncryption encryption) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    @Override
    public Optional<TwoFactorEnrolment> find(UserId user) {
        Objects.requireNonNull(user, "user");
        return inTransaction(entityManager -> Optional.ofNullable(entityManager.find(TwoFactorCredentialJpaEntity.class, user.value()))
                .flatMap(this::toDomain));
    }

    @Override
    public boolean startEnrolment(TwoFactorEnrolment enrolment) {
        Objects.requireNonNull(enrolment, "enrolment");
        if (enrolment.active()) {
            throw new IllegalArgumentException("an enrolment starts pending");
        }
        String sealed = seal(enrolment);
        // Replace a pending row; else insert one. An insert that loses a race to another start tries the replace again;
        // one that meets an active row stores nothing.
        for (int attempt = 0; attempt < 2; attempt++) {
            int replaced = inTransaction(entityManager -> entityManager.createQuery(
                            "update TwoFactorCredentialJpaEntity c set c.enrolmentId = :id, c.secret = :secret, c.keyId = :keyId,"
                                    + " c.lastUsedStep = :step, c.createdAt = :at where c.userId = :user and c.active = false")
                    .setParameter("id", enrolment.id())
                    .setParameter("secret", sealed)
                    .setParameter("keyId", encryption.keyId())
                    .setParameter("step", enrolment.lastUsedStep())
                    .setParameter("at", RefreshTokenJpaMapper.storable(enrolment.createdAt()))
                    .setParameter("user", enrolment.user().value())
                    .executeUpdate());
            if (replaced == 1) {
                return true;
            }
            try {
                inTransaction(entityManager -> {
                    entityManager.persist(new TwoFactorCredentialJpaEntity(enrolment.user().value(), enrolment.id(), sealed,
                            encryption.keyId(), false, enrolment.lastUsedStep(), RefreshTokenJpaMapper.storable(enrolment.createdAt())));
                    entityManager.flush();
                    return null;
                });
                return true;
            } catch (RuntimeException exists) {
                if (!ConstraintViolations.isUniqueViolation(exists)) {
                    throw exists;
                }
            }
        }
        return false;
    }

    @Override
    public boolean activate(UserId user, UUID enrolmentId, long step, List<RecoveryCodeHash> recoveryCodes) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(enrolmentId, "enrolmentId");
        List<RecoveryCodeHash> codes = List.copyOf(recoveryCodes);
        return inTransaction(entityManager -> {
            int activated = entityManager.createQuery("update TwoFactorCredentialJpaEntity c set c.active = true,"
                            + " c.lastUsedStep = :step where c.userId = :user and c.enrolmentId = :id and c.active = false")
                    .setParameter("step", step)
                    .setParameter("user", user.value())
                    .setParameter("id", enrolmentId)
                    .executeUpdate();
            if (activated != 1) {
                return false;
            }
            replaceCodesIn(entityManager, user, codes);
            return true;
        });
    }

    @Override
    public boolean acceptStep(UserId user, long step) {
        Objects.requireNonNull(user, "user");
        // The compare-and-set: a concurrent acceptance waits on the row's lock, then finds the step taken.
        return inTransaction(entityManager -> entityManager.createQuery("update TwoFactorCredentialJpaEntity c"
                        + " set c.lastUsedStep = :step where c.userId = :user and c.active = true and c.lastUsedStep < :step")
                .setParameter("step", step)
                .setParameter("user", user.value())
                .executeUpdate()) == 1;
    }

    @Override
    public boolean useRecoveryCode(UserId user, RecoveryCodeHash code) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(code, "code");
        return inTransaction(entityManager -> entityManager.createQuery(
                        "delete from RecoveryCodeJpaEntity r where r.codeHash = :hash and r.userId = :user")
                .setParameter("hash", code.hex())
                .setParameter("user", user.value())
                .executeUpdate()) == 1;
    }

    @Override
    public int recoveryCodesLeft(UserId user) {
        Objects.requireNonNull(user, "user");
        return inTransaction(entityManager -> entityManager.createQuery(
                        "select count(r) from RecoveryCodeJpaEntity r where r.userId = :user", Long.class)
                .setParameter("user", user.value())
                .getSingleResult()).intValue();
    }

    @Override
    public boolean replaceRecoveryCodes(UserId user, List<RecoveryCodeHash> recoveryCodes) {
        Objects.requireNonNull(user, "user");
        List<RecoveryCodeHash> codes = List.copyOf(recoveryCodes);
        return inTransaction(entityManager -> {
            // Locks the active row: a removal meanwhile either waits for this or leaves nothing to replace.
            int active = entityManager.createQuery("update TwoFactorCredentialJpaEntity c set c.active = true"
                            + " where c.userId = :user and c.active = true")
                    .setParameter("user", user.value())
                    .executeUpdate();
            if (active != 1) {
                return false;
            }
            replaceCodesIn(entityManager, user, codes);
            return true;
        });
    }

    @Override
    public boolean remove(UserId user) {
        Objects.requireNonNull(user, "user");
        return inTransaction(entityManager -> {
            entityManager.createQuery("delete from RecoveryCodeJpaEntity r where r.userId = :user")
                    .setParameter("user", user.value())
                    .executeUpdate();
            return entityManager.createQuery("delete from TwoFactorCredentialJpaEntity c where c.userId = :user")
                    .setParameter("user", user.value())
                    .executeUpdate() == 1;
        });
    }

    private static void replaceCodesIn(EntityManager entityManager, UserId user, List<RecoveryCodeHash> codes) {
        entityManager.createQuery("delete from RecoveryCodeJpaEntity r where r.userId = :user")
                .setParameter("user", user.value())
                .executeUpdate();
        for (RecoveryCodeHash code : codes) {
            entityManager.persist(new RecoveryCodeJpaEntity(code.hex(), user.value()));
        }
        entityManager.flush();
    }

    private String seal(TwoFactorEnrolment enrolment) {
        return Base64.getEncoder().encodeToString(encryption.encrypt(enrolment.secret().bytes(), context(enrolment.user(),
                enrolment.id())));
    }

    /**
     * The stored enrolment; empty when its secret does not open (encrypted under a key no longer in the ring, or
     * tampered with): the second factor cannot be checked, and the user is treated as not enrolled for reading, while
     * the row stays for an operator to see.
     */
    private Optional<TwoFactorEnrolment> toDomain(TwoFactorCredentialJpaEntity row) {
        UserId user = new UserId(row.getUserId());
        return encryption.decrypt(Base64.getDecoder().decode(row.getSecret()), context(user, row.getEnrolmentId()), row.getKeyId())
                .map(bytes -> new TwoFactorEnrolment(row.getEnrolmentId(), user, new TotpSecret(bytes), row.isActive(),
                        row.getLastUsedStep(), row.getCreatedAt()));
    }

    private static String context(UserId user, UUID enrolment) {
        return "two-factor-secret:" + user.value() + ":" + enrolment;
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return JpaTransactions.inTransaction(entityManagerFactory, work);
    }
}
