package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import jakarta.persistence.EntityManagerFactory;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * next key wins. A row this process cannot decrypt (stored under a key-encryption key its keyring lacks, or
 * altered) comes back public only: it still verifies tokens, and the rotation replaces it as the signing key.
 *
 * <p>Key-encryption keys rotate lazily: a row read under an older key of the ring is rewritten under the first, by
 * a conditional update (only if it is still under the key it was read under), at most once per key and process,
 * so two instances whose keyrings start with different keys cannot rewrite a row back and forth. A private key
 * this process once read or created stays usable here even when another instance rewrites its row under a key
 * this process lacks (an instance not yet given the new keyring keeps signing).
 */
public final class JpaSigningKeyRepository implements SigningKeyRepository {

    private static final Logger LOGGER = Logger.getLogger(JpaSigningKeyRepository.class.getName());
    static final String GENERATION_CONSTRAINT = "uq_signing_keys_generation";

    private final EntityManagerFactory entityManagerFactory;
    private final SigningKeyEncryption encryption;
    /** Keys already warned about, so a refresh every half minute does not repeat the warning. */
    private final Set<String> unreadableWarned = ConcurrentHashMap.newKeySet();
    /** Private keys this process has read or created, by key id (an id names one key pair for ever). */
    private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();
    /** Keys this process has tried to rewrite under the first key of its ring. */
    private final Set<String> reencrypted = ConcurrentHashMap.newKeySet();

    public JpaSigningKeyRepository(EntityManagerFactory entityManagerFactory, SigningKeyEncryption encryption) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    @Override
    public List<SigningKey> findAll() {
        List<SigningKeyJpaEntity> rows = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager
                .createQuery("select k from SigningKeyJpaEntity k order by k.generation", SigningKeyJpaEntity.class)
                .getResultList());
        List<SigningKey> keys = rows.stream().map(this::toDomain).toList();
        rows.forEach(this::reencryptIfOld);
        return keys;
    }

    @Override
    public Optional<SigningKey> findById(KeyId id) {
        Objects.requireNonNull(id, "id");
        Optional<SigningKeyJpaEntity> row = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> Optional
                .ofNullable(entityManager.find(SigningKeyJpaEntity.class, id.value())));
        Optional<SigningKey> key = row.map(this::toDomain);
        row.ifPresent(this::reencryptIfOld);
        return key;
    }

    @Override
    public AddSigningKeyOutcome add(SigningKey key) {
        Objects.requireNonNull(key, "key");
        SigningKeyJpaEntity row = SigningKeyJpaMapper.toEntity(key, encryption);
        try {
            AddSigningKeyOutcome added = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> {
                entityManager.persist(row);
                // Flush inside the transaction, so a lost race surfaces here as a constraint violation.
                entityManager.flush();
                return AddSigningKeyOutcome.ADDED;
            });
            opened.put(key.id().value(), key.privateKey().orElseThrow());
            return added;
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

    /**
     * Rewrites the row under the first key of the ring when it was read under another key of the ring, once per
     * key and process; only if the row is still under the key it was read under. A failure is logged: the row
     * stays readable as it is, and another instance (or restart) tries again.
     */
    private void reencryptIfOld(SigningKeyJpaEntity row) {
        String current = encryption.keyId();
        String old = row.getEncryptionKeyId();
        if (current.equals(old) || !encryption.knows(old) || !reencrypted.add(row.getKid())) {
            return;
        }
        SigningKey key = SigningKeyJpaMapper.toDomain(row, encryption);
        if (!key.canSign()) {
            return;
        }
        try {
            int updated = JpaTransactions.inTransaction(entityManagerFactory, entityManager -> entityManager.createQuery(
                            "update SigningKeyJpaEntity k set k.privateKeyEncrypted = :sealed, k.encryptionKeyId = :current"
                                    + " where k.kid = :kid and k.encryptionKeyId = :old")
                    .setParameter("sealed", SigningKeyJpaMapper.sealedPrivateKey(key, encryption))
                    .setParameter("current", current)
                    .setParameter("kid", row.getKid())
                    .setParameter("old", old)
                    .executeUpdate());
            if (updated == 1) {
                LOGGER.info(() -> "Signing key " + row.getKid() + " re-encrypted from key-encryption key " + old + " to " + current);
            }
        } catch (RuntimeException failed) {
            LOGGER.log(Level.WARNING, "Could not re-encrypt signing key " + row.getKid() + " under key-encryption key "
                    + current + "; it stays under " + old + ": " + failed.getMessage());
        }
    }

    private SigningKey toDomain(SigningKeyJpaEntity row) {
        SigningKey key = SigningKeyJpaMapper.toDomain(row, encryption);
        if (key.canSign()) {
            opened.putIfAbsent(row.getKid(), key.privateKey().orElseThrow());
            return key;
        }
        PrivateKey remembered = opened.get(row.getKid());
        if (remembered != null && SigningKeyJpaMapper.encryptedElsewhere(row, encryption)) {
            // Another instance rewrote the row under a key-encryption key this process lacks; it read the key before.
            return new SigningKey(key.id(), key.generation(), key.algorithm(), key.publicKey(), Optional.of(remembered),
                    key.createdAt(), key.activatesAt(), key.revokedAt());
        }
        if (unreadableWarned.add(row.getKid())) {
            LOGGER.log(Level.WARNING, () -> SigningKeyJpaMapper.encryptedElsewhere(row, encryption)
                    ? "Signing key " + row.getKid() + " was stored under another key-encryption key (" + row.getEncryptionKeyId()
                            + ", this instance's keyring has " + encryption.keyIds() + "): it verifies tokens but cannot sign here."
                            + " Give every instance a GATEHOUSE_KEY_ENCRYPTION_KEY keyring that holds it (new,old)"
                    : "Signing key " + row.getKid() + " cannot be decrypted although its key-encryption key matches:"
                            + " the row was altered; it verifies tokens but will not sign");
        }
        return key;
    }
}
