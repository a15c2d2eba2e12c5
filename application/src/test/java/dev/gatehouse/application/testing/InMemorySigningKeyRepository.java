package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
}
