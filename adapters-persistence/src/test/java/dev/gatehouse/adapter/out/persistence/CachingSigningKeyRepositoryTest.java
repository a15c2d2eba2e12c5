package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.SigningKeyRepositoryContract;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CachingSigningKeyRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CountingStore store = new CountingStore();
    private final CachingSigningKeyRepository cache = new CachingSigningKeyRepository(store, Duration.ofSeconds(30),
            Duration.ofSeconds(5), nanos::get);

    /** The decorator keeps the port's promises; "another instance" caches the same store on its own. */
    @Nested
    class Contract extends SigningKeyRepositoryContract {
        private InMemorySigningKeyRepository shared;

        @Override
        protected SigningKeyRepository newEmptyRepository() {
            shared = new InMemorySigningKeyRepository();
            return new CachingSigningKeyRepository(shared);
        }

        @Override
        protected SigningKeyRepository anotherInstanceOnTheSameStore() {
            return new CachingSigningKeyRepository(shared);
        }
    }

    @Test
    void reads_the_store_once_per_refresh_interval() {
        cache.findAll();
        cache.findAll();
        advance(Duration.ofSeconds(29));
        cache.findAll();
        assertEquals(1, store.reads.get());

        advance(Duration.ofSeconds(1));
        cache.findAll();
        assertEquals(2, store.reads.get());
    }

    @Test
    void sees_a_key_another_instance_added_on_the_next_refresh() {
        cache.findAll();
        SigningKey theirs = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        store.delegate.add(theirs);

        assertEquals(List.of(), cache.findAll());
        advance(Duration.ofSeconds(30));
        assertEquals(List.of(theirs), cache.findAll());
    }

    @Test
    void an_unknown_key_id_reads_the_store_at_most_once_per_miss_interval() {
        cache.findAll();
        SigningKey theirs = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        store.delegate.add(theirs);
        advance(Duration.ofSeconds(5));

        assertEquals(Optional.of(theirs), cache.findById(theirs.id()), "a miss re-reads");
        for (int i = 0; i < 1_000; i++) {
            cache.findById(new KeyId("forged-" + i));
        }
        assertEquals(2, store.reads.get(), "made-up ids must not make every lookup a query");
        advance(Duration.ofSeconds(5));
        cache.findById(new KeyId("forged"));
        assertEquals(3, store.reads.get());
    }

    @Test
    void adding_or_removing_forgets_the_view() {
        cache.findAll();
        SigningKey mine = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);

        assertEquals(AddSigningKeyOutcome.ADDED, cache.add(mine));
        assertEquals(List.of(mine), cache.findAll());
        cache.remove(List.of(mine.id()));
        assertEquals(List.of(), cache.findAll());
    }

    @Test
    void serves_the_old_view_while_the_store_is_down_and_fails_without_one() {
        store.down = true;
        assertThrows(StoreUnavailableException.class, cache::findAll);

        store.down = false;
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        store.delegate.add(key);
        assertEquals(List.of(key), cache.findAll());
        store.down = true;
        advance(Duration.ofMinutes(5));
        assertEquals(List.of(key), cache.findAll());
        int reads = store.reads.get();
        assertEquals(List.of(key), cache.findAll());
        assertEquals(reads, store.reads.get(), "a failed re-read waits before the next try");
        assertTrue(cache.findById(key.id()).isPresent());
    }

    @Test
    void sees_a_revocation_by_another_instance_within_the_revocation_check_interval_not_the_refresh() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        SigningKey successor = SigningKey.generate(SigningAlgorithm.ES256, 2, NOW, NOW);
        store.delegate.add(key);
        cache.findAll();
        // Another instance: successor first, then the revocation, straight to the store.
        store.delegate.add(successor);
        store.delegate.revoke(key.id(), NOW);

        advance(Duration.ofMillis(1_999));
        assertEquals(List.of(Optional.<Instant>empty()), cache.findAll().stream().map(SigningKey::revokedAt).toList());
        advance(Duration.ofMillis(1));
        assertEquals(List.of(Optional.of(NOW), Optional.<Instant>empty()),
                cache.findAll().stream().map(SigningKey::revokedAt).toList(), "2 s, not the 30 s refresh");
        assertEquals(Optional.of(successor.id()), cache.findById(successor.id()).map(SigningKey::id),
                "the successor came with the revocation");
        assertEquals(2, store.reads.get());
    }

    @Test
    void without_a_revocation_the_check_is_one_small_query_every_interval_and_no_re_read() {
        store.delegate.add(SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW));
        cache.findAll();
        for (int second = 0; second < 20; second++) {
            advance(Duration.ofSeconds(1));
            for (int i = 0; i < 100; i++) {
                cache.findAll();
            }
        }

        assertEquals(1, store.reads.get());
        assertEquals(10, store.revocationChecks.get());
    }

    @Test
    void a_failed_revocation_check_serves_the_view_and_waits_its_turn() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        store.delegate.add(key);
        cache.findAll();
        store.down = true;
        advance(Duration.ofSeconds(2));

        assertEquals(List.of(key), cache.findAll());
        assertEquals(List.of(key), cache.findAll());
        assertEquals(1, store.revocationChecks.get());
        assertEquals(1, store.reads.get());
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static final class CountingStore implements SigningKeyRepository {
        final InMemorySigningKeyRepository delegate = new InMemorySigningKeyRepository();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger revocationChecks = new AtomicInteger();
        volatile boolean down;

        @Override
        public List<SigningKey> findAll() {
            reads.incrementAndGet();
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            return delegate.findAll();
        }

        @Override
        public Optional<SigningKey> findById(KeyId id) {
            throw new AssertionError("the cache answers lookups from its view");
        }

        @Override
        public AddSigningKeyOutcome add(SigningKey key) {
            return delegate.add(key);
        }

        @Override
        public int remove(Collection<KeyId> ids) {
            return delegate.remove(ids);
        }

        @Override
        public RevokeSigningKeyOutcome revoke(KeyId id, Instant at) {
            return delegate.revoke(id, at);
        }

        @Override
        public Set<KeyId> revokedIds() {
            revocationChecks.incrementAndGet();
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            return delegate.revokedIds();
        }
    }
}
