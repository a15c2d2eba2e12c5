package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SigningKeyRepository} adapter must do. Extend it and return a repository over an empty store
 * from {@link #newEmptyRepository()}; {@link #anotherInstanceOnTheSameStore()} answers a second view of that store
 * (another Gatehouse instance on the same database), or the same object for a single-process adapter.
 */
public abstract class SigningKeyRepositoryContract {

    /** Microseconds: both databases keep them, so what is stored is what is read back. */
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");
    private SigningKeyRepository keys;

    protected abstract SigningKeyRepository newEmptyRepository();

    protected abstract SigningKeyRepository anotherInstanceOnTheSameStore();

    @BeforeEach
    void startEmpty() {
        keys = newEmptyRepository();
    }

    @Test
    void knows_no_keys_at_first() {
        assertEquals(List.of(), keys.findAll());
        assertEquals(Optional.empty(), keys.findById(new KeyId("nothing-here")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void gives_back_every_part_of_a_stored_key_and_the_private_key_still_signs(SigningAlgorithm algorithm) throws Exception {
        SigningKey key = SigningKey.generate(algorithm, 1, NOW, NOW.plusSeconds(3_600));

        assertEquals(AddSigningKeyOutcome.ADDED, keys.add(key));

        SigningKey found = keys.findById(key.id()).orElseThrow();
        assertSameKey(key, found);
        assertSameKey(key, keys.findAll().get(0));
        assertTrue(verifies(found, signWith(found)), "the stored private key must pair with the stored public key");
    }

    @Test
    void lists_keys_oldest_generation_first() {
        SigningKey third = SigningKey.generate(SigningAlgorithm.ES256, 3, NOW, NOW);
        SigningKey first = SigningKey.generate(SigningAlgorithm.EdDSA, 1, NOW, NOW);
        SigningKey second = SigningKey.generate(SigningAlgorithm.ES256, 2, NOW, NOW);
        keys.add(third);
        keys.add(first);
        keys.add(second);

        assertEquals(List.of(first.id(), second.id(), third.id()), keys.findAll().stream().map(SigningKey::id).toList());
    }

    @Test
    void refuses_a_second_key_of_the_same_generation_and_keeps_the_first() {
        SigningKey mine = SigningKey.generate(SigningAlgorithm.ES256, 4, NOW, NOW);
        SigningKey theirs = SigningKey.generate(SigningAlgorithm.ES256, 4, NOW, NOW);
        keys.add(mine);

        assertEquals(AddSigningKeyOutcome.GENERATION_TAKEN, keys.add(theirs));

        assertEquals(List.of(mine.id()), keys.findAll().stream().map(SigningKey::id).toList());
        assertEquals(Optional.empty(), keys.findById(theirs.id()));
    }

    @Test
    void refuses_a_key_without_its_private_part() {
        SigningKey publicOnly = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW).publicOnly();

        assertThrows(IllegalArgumentException.class, () -> keys.add(publicOnly));
        assertEquals(List.of(), keys.findAll());
    }

    @Test
    void lets_exactly_one_of_many_instances_adding_the_same_generation_at_once_win() throws Exception {
        int contenders = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<AddSigningKeyOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                SigningKeyRepository instance = i % 2 == 0 ? keys : anotherInstanceOnTheSameStore();
                SigningKey candidate = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return instance.add(candidate);
                }));
            }
            start.countDown();
            List<AddSigningKeyOutcome> answers = new ArrayList<>();
            for (Future<AddSigningKeyOutcome> outcome : outcomes) {
                answers.add(outcome.get());
            }
            assertEquals(1, answers.stream().filter(AddSigningKeyOutcome.ADDED::equals).count(), answers::toString);
            assertEquals(1, anotherInstanceOnTheSameStore().findAll().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removes_the_named_keys_and_ignores_unknown_ids() {
        SigningKey old = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        SigningKey current = SigningKey.generate(SigningAlgorithm.ES256, 2, NOW, NOW);
        keys.add(old);
        keys.add(current);

        assertEquals(1, keys.remove(Set.of(old.id(), new KeyId("never-stored"))));
        assertEquals(0, keys.remove(List.of()));

        assertEquals(List.of(current.id()), keys.findAll().stream().map(SigningKey::id).toList());
        assertEquals(Optional.empty(), keys.findById(old.id()));
    }

    @Test
    void is_shared_by_every_instance_on_the_same_store() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.RS256, 1, NOW, NOW);
        keys.add(key);

        SigningKeyRepository other = anotherInstanceOnTheSameStore();
        assertSameKey(key, other.findById(key.id()).orElseThrow());
        assertEquals(AddSigningKeyOutcome.GENERATION_TAKEN, other.add(SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW)));
    }

    @Test
    void revokes_a_key_once_keeping_the_first_time_and_tells_every_instance() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        SigningKey other = SigningKey.generate(SigningAlgorithm.ES256, 2, NOW, NOW);
        keys.add(key);
        keys.add(other);
        Instant at = NOW.plusSeconds(60);

        assertEquals(RevokeSigningKeyOutcome.REVOKED, keys.revoke(key.id(), at));
        assertEquals(RevokeSigningKeyOutcome.ALREADY_REVOKED, keys.revoke(key.id(), at.plusSeconds(60)));
        assertEquals(RevokeSigningKeyOutcome.NOT_FOUND, keys.revoke(new KeyId("never-stored"), at));

        assertEquals(Optional.of(at), keys.findById(key.id()).orElseThrow().revokedAt());
        assertTrue(keys.findById(key.id()).orElseThrow().canSign(), "a revoked key keeps its private part in the store");
        assertEquals(Set.of(key.id()), keys.revokedIds());
        SigningKeyRepository elsewhere = anotherInstanceOnTheSameStore();
        assertEquals(Set.of(key.id()), elsewhere.revokedIds());
        assertEquals(List.of(Optional.of(at), Optional.<Instant>empty()),
                elsewhere.findAll().stream().map(SigningKey::revokedAt).toList());
        assertEquals(Optional.empty(), elsewhere.findById(other.id()).orElseThrow().revokedAt());
    }

    @Test
    void lets_exactly_one_of_many_instances_revoking_a_key_at_once_win() throws Exception {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        keys.add(key);
        int contenders = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<RevokeSigningKeyOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                SigningKeyRepository instance = i % 2 == 0 ? keys : anotherInstanceOnTheSameStore();
                Instant at = NOW.plusSeconds(i + 1);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return instance.revoke(key.id(), at);
                }));
            }
            start.countDown();
            List<RevokeSigningKeyOutcome> answers = new ArrayList<>();
            for (Future<RevokeSigningKeyOutcome> outcome : outcomes) {
                answers.add(outcome.get());
            }
            assertEquals(1, answers.stream().filter(RevokeSigningKeyOutcome.REVOKED::equals).count(), answers::toString);
            assertEquals(contenders - 1, answers.stream().filter(RevokeSigningKeyOutcome.ALREADY_REVOKED::equals).count());
            int winner = answers.indexOf(RevokeSigningKeyOutcome.REVOKED);
            assertEquals(Optional.of(NOW.plusSeconds(winner + 1)),
                    anotherInstanceOnTheSameStore().findById(key.id()).orElseThrow().revokedAt(), "the winner's time stands");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSameKey(SigningKey expected, SigningKey actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.generation(), actual.generation());
        assertEquals(expected.algorithm(), actual.algorithm());
        assertArrayEquals(expected.publicKey().getEncoded(), actual.publicKey().getEncoded());
        assertArrayEquals(expected.privateKey().orElseThrow().getEncoded(), actual.privateKey().orElseThrow().getEncoded());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.activatesAt(), actual.activatesAt());
        assertEquals(expected.revokedAt(), actual.revokedAt());
    }

    private static byte[] signWith(SigningKey key) throws Exception {
        Signature signature = Signature.getInstance(jcaName(key.algorithm()));
        signature.initSign(key.privateKey().orElseThrow());
        signature.update(new byte[] {1, 2, 3});
        return signature.sign();
    }

    private static boolean verifies(SigningKey key, byte[] signed) throws Exception {
        Signature signature = Signature.getInstance(jcaName(key.algorithm()));
        signature.initVerify(key.publicKey());
        signature.update(new byte[] {1, 2, 3});
        return signature.verify(signed);
    }

    private static String jcaName(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> "SHA256withECDSA";
            case RS256 -> "SHA256withRSA";
            case EdDSA -> "Ed25519";
        };
    }
}
