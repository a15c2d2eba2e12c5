package dev.gatehouse.adapter.persistence;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@link SigningKeyRepository} in the {@code signing_keys} table, private keys encrypted by
 * {@link SigningKeyEncryption}. The unique constraint on the generation decides which of two instances adding the
 * next key wins. A row this process cannot decrypt (stored under another key-encryption key, or altered) comes
 * back public only: it still verifies tokens, and the rotation replaces it as the signing key.
 */
public final class JpaSigningKeyRepository implements SigningKeyRepository {

    private static final Logger LOGGER = Logger.getLogger(JpaSigningKeyRepository.class.getName());
    static final String GENERATION_CONSTRAINT = "uq_signing_keys_generation";

    private final EntityManagerFactory entityManagerFactory;
    private final SigningKeyEncryption encryption;
    /** Keys already warned about, so a refresh every half minute does not repeat the warning. */
    private final Set<String> unreadableWarned = ConcurrentHashMap.newKeySet();

    public JpaSigningKeyRepository(EntityManagerFactory entityManagerFactory, SigningKeyEncryption encryption) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    @Override
    public List<SigningKey> findAll() {
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("select k from SigningKeyJpaEntity k order by k.generation", SigningKeyJpaEntity.class)
                .getResultList().stream().map(this::toDomain).toList());
    }

    @Override
    public Optional<SigningKey> findById(KeyId id) {
        Objects.requireNonNull(id, "id");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> Optional
                .ofNullable(entityManager.find(SigningKeyJpaEntity.class, id.value())).map(this::toDomain));
    }

    @Override
    public AddSigningKeyOutcome add(SigningKey key) {
        Objects.requireNonNull(key, "key");
        SigningKeyJpaEntity row = SigningKeyJpaMapper.toEntity(key, encryption);
        try {
            return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
                entityManager.persist(row);
                // Flush inside the transaction, so a lost race surfaces here as a constraint violation.
                entityManager.flush();
                return AddSigningKeyOutcome.ADDED;
            });
        } catch (RuntimeException failed) {
            if (ConstraintViolations.isUniqueViolationOf(failed, GENERATION_CONSTRAINT)) {
                return AddSigningKeyOutcome.GENERATION_TAKEN;
            }
            if (ConstraintViolations.isUniqueViolation(failed)) {
                throw new IllegalArgumentException("key " + key.id() + " is stored already", failed);
            }
            throw failed;
        }
    }

    @Override
    public int remove(Collection<KeyId> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> kids = ids.stream().map(KeyId::value).distinct().toList();
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("delete from SigningKeyJpaEntity k where k.kid in :kids")
                .setParameter("kids", kids)
                .executeUpdate());
    }

    @Override
    public RevokeSigningKeyOutcome revoke(KeyId id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
            // One conditional write: of two revocations at once, the database lets exactly one set the time.
            int updated = entityManager.createQuery(
                            "update SigningKeyJpaEntity k set k.revokedAt = :at where k.kid = :kid and k.revokedAt is null")
                    .setParameter("at", at.truncatedTo(ChronoUnit.MICROS))
                    .setParameter("kid", id.value())
                    .executeUpdate();
            if (updated == 1) {
                return RevokeSigningKeyOutcome.REVOKED;
            }
            long stored = entityManager.createQuery("select count(k) from SigningKeyJpaEntity k where k.kid = :kid", Long.class)
                    .setParameter("kid", id.value())
                    .getSingleResult();
            return stored == 0 ? RevokeSigningKeyOutcome.NOT_FOUND : RevokeSigningKeyOutcome.ALREADY_REVOKED;
        });
    }

    @Override
    public Set<KeyId> revokedIds() {
        return JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("select k.kid from SigningKeyJpaEntity k where k.revokedAt is not null", String.class)
                .getResultList().stream().map(KeyId::new).collect(Collectors.toUnmodifiableSet()));
    }

    private SigningKey toDomain(SigningKeyJpaEntity row) {
        SigningKey key = SigningKeyJpaMapper.toDomain(row, encryption);
        if (!key.canSign() && unreadableWarned.add(row.getKid())) {
            LOGGER.log(Level.WARNING, () -> SigningKeyJpaMapper.encryptedElsewhere(row, encryption)
                    ? "Signing key " + row.getKid() + " was stored under another key-encryption key (" + row.getEncryptionKeyId()
                            + ", this instance has " + encryption.keyId() + "): it verifies tokens but cannot sign here."
                            + " Every instance needs the same GATEHOUSE_KEY_ENCRYPTION_KEY (or GATEHOUSE_JWT_SECRET)"
                    : "Signing key " + row.getKid() + " cannot be decrypted although its key-encryption key matches:"
                            + " the row was altered; it verifies tokens but will not sign");
        }
        return key;
    }
}
