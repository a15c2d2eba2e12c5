package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the keys that sign access tokens live, shared by every instance. Generations are unique, decided
 * atomically by the store (a constraint, not a read before the write), so two instances rotating at once
 * cannot both add the next key. A revocation is stored with the key and seen by every instance (a caching adapter
 * asks {@link #revokedIds()} every few seconds). Private keys must be kept secret at rest. Every adapter passes
 * {@code SigningKeyRepositoryContract}.
 */
public interface SigningKeyRepository {

    /** Every stored key, oldest generation first. */
    List<SigningKey> findAll();

    /**
     * The key with this id, if stored. A caching adapter may read the store again on a miss, so a key another
     * instance just created is found; it bounds how often it does.
     */
    Optional<SigningKey> findById(KeyId id);

    /** Stores a new key, or answers {@link AddSigningKeyOutcome#GENERATION_TAKEN} and changes nothing. */
    AddSigningKeyOutcome add(SigningKey key);

    /** Deletes the keys with these ids, ignoring ids not stored; answers how many it deleted. */
    int remove(Collection<KeyId> ids);

    /**
     * Marks the key as revoked at {@code at}, in one conditional write: a key already revoked keeps its first
     * revocation time, and of two revocations at once exactly one answers {@link RevokeSigningKeyOutcome#REVOKED}.
     */
    RevokeSigningKeyOutcome revoke(KeyId id, Instant at);

    /**
     * The ids of the stored keys that are revoked, read from the store itself (never from a cache): a small answer
     * that a caching adapter asks for every few seconds, so a revocation reaches every instance quickly.
     */
    Set<KeyId> revokedIds();
}
