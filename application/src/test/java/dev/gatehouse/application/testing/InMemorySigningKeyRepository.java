package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentSkipListMap;

/** A thread-safe in-memory {@link SigningKeyRepository}, held honest by {@link SigningKeyRepositoryContract}. */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private final ConcurrentSkipListMap<Long, SigningKey> byGeneration = new ConcurrentSkipListMap<>();

    @Override
    public List<SigningKey> findAll() {
        return List.copyOf(byGeneration.values());
    }

    @Override
    public Optional<SigningKey> findById(KeyId id) {
        return byGeneration.values().stream().filter(key -> key.id().equals(id)).findFirst();
    }

    @Override
    public synchronized AddSigningKeyOutcome add(SigningKey key) {
        if (!key.canSign()) {
            throw new IllegalArgumentException("a stored key needs its private part");
        }
        if (findById(key.id()).isPresent()) {
            throw new IllegalArgumentException("key " + key.id() + " is stored already");
        }
        return byGeneration.putIfAbsent(key.generation(), key) == null
                ? AddSigningKeyOutcome.ADDED : AddSigningKeyOutcome.GENERATION_TAKEN;
    }

    @Override
    public synchronized int remove(Collection<KeyId> ids) {
        int before = byGeneration.size();
        byGeneration.values().removeIf(key -> ids.contains(key.id()));
        return before - byGeneration.size();
    }

    @Override
    public synchronized RevokeSigningKeyOutcome revoke(KeyId id, Instant at) {
        Optional<SigningKey> stored = findById(id);
        if (stored.isEmpty()) {
            return RevokeSigningKeyOutcome.NOT_FOUND;
        }
        if (stored.get().isRevoked()) {
            return RevokeSigningKeyOutcome.ALREADY_REVOKED;
        }
        // Microseconds, as the databases keep them.
        byGeneration.put(stored.get().generation(), stored.get().revoked(at.truncatedTo(ChronoUnit.MICROS)));
        return RevokeSigningKeyOutcome.REVOKED;
    }

    @Override
    public Set<KeyId> revokedIds() {
        return byGeneration.values().stream().filter(SigningKey::isRevoked).map(SigningKey::id).collect(Collectors.toUnmodifiableSet());
    }
}
