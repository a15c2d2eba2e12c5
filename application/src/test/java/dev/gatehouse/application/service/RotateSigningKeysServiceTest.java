package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ForcedRotation;
import dev.gatehouse.application.port.in.KeyRotation;
import dev.gatehouse.application.port.in.PublishedKey;
import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotateSigningKeysServiceTest {

    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration PRE_PUBLICATION = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofMinutes(16);
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(PERIOD, PRE_PUBLICATION, RETENTION);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RotateSigningKeysService rotation = new RotateSigningKeysService(keys, POLICY, SigningAlgorithm.ES256, audit, clock);
    private final PublishedKeysService published = new PublishedKeysService(keys, POLICY, clock);

    @Test
    void creates_the_first_key_at_start_and_then_nothing_until_due() {
        KeyRotation first = rotation.rotate();

        assertTrue(first.created().isPresent());
        assertEquals(first.created().get(), first.signingKey());
        KeyRotation again = rotation.rotate();
        assertFalse(again.changedAnything());
        assertEquals(first.signingKey(), again.signingKey());
    }

    @Test
    void pre_publishes_the_successor_then_switches_then_forgets_the_old_key() {
        KeyId first = rotation.rotate().signingKey();

        clock.advance(PERIOD.minus(PRE_PUBLICATION));
        KeyRotation due = rotation.rotate();
        KeyId second = due.created().orElseThrow();
        assertEquals(first, due.signingKey(), "the successor is only published");
        assertEquals(List.of(first, second), published.publishedKeys().stream().map(PublishedKey::id).toList());

        clock.advance(PRE_PUBLICATION);
        assertEquals(second, rotation.rotate().signingKey());
        assertEquals(2, published.publishedKeys().size(), "the old key's tokens are still valid");

        clock.advance(RETENTION);
        KeyRotation cleanup = rotation.rotate();
        assertEquals(List.of(first), cleanup.removed());
        assertEquals(List.of(second), keys.findAll().stream().map(SigningKey::id).toList());
        assertEquals(List.of(second), published.publishedKeys().stream().map(PublishedKey::id).toList());
    }

    @Test
    void an_instance_that_loses_the_race_takes_the_winners_key() {
        RotateSigningKeysService other = new RotateSigningKeysService(new SlowToSee(keys), POLICY, SigningAlgorithm.ES256, audit, clock);

        KeyRotation loser = other.rotate();

        assertEquals(Optional.empty(), loser.created());
        SigningKey winners = keys.findAll().get(0);
        assertEquals(winners.id(), loser.signingKey());
        assertEquals(1, keys.findAll().size());
    }

    @Test
    void a_forced_rotation_publishes_a_successor_at_once_that_signs_only_after_the_window() {
        KeyId first = rotation.rotate().signingKey();
        clock.advance(Duration.ofDays(2));
        Instant forcedAt = clock.instant();

        ForcedRotation forced = rotation.rotateNow();

        ForcedRotation.SuccessorCreated created = assertInstanceOf(ForcedRotation.SuccessorCreated.class, forced);
        assertEquals(forcedAt.plus(PRE_PUBLICATION), created.activatesAt());
        assertEquals(first, created.signingKey(), "the current key signs on");
        assertEquals(List.of(first, created.successor()), published.publishedKeys().stream().map(PublishedKey::id).toList());
        assertEquals(List.of(AuditEvent.Type.SIGNING_KEY_ROTATED), audit.types());
        AuditEvent event = audit.events().get(0);
        assertEquals(created.successor().value(), event.subject());
        assertEquals(AuditEvent.CONSOLE, event.actor());

        clock.advance(PRE_PUBLICATION.minusSeconds(1));
        assertEquals(first, rotation.rotate().signingKey());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(created.successor(), rotation.rotate().signingKey());
        clock.advance(RETENTION);
        assertEquals(List.of(first), rotation.rotate().removed(), "the old key goes once its tokens expired");
    }

    @Test
    void a_forced_rotation_while_a_successor_waits_creates_and_records_nothing() {
        KeyId first = rotation.rotate().signingKey();
        ForcedRotation.SuccessorCreated waiting = assertInstanceOf(ForcedRotation.SuccessorCreated.class, rotation.rotateNow());
        audit.clear();
        clock.advance(Duration.ofMinutes(5));

        ForcedRotation again = rotation.rotateNow();

        assertEquals(new ForcedRotation.SuccessorPending(waiting.successor(), waiting.activatesAt(), first), again);
        assertEquals(2, keys.findAll().size());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void a_forced_rotation_on_a_new_deployment_creates_a_key_that_signs_at_once() {
        ForcedRotation forced = rotation.rotateNow();

        ForcedRotation.SuccessorCreated created = assertInstanceOf(ForcedRotation.SuccessorCreated.class, forced);
        assertEquals(clock.instant(), created.activatesAt());
        assertEquals(created.successor(), created.signingKey());
    }

    @Test
    void a_forced_rotation_that_loses_the_race_takes_the_winners_successor() {
        rotation.rotate();
        clock.advance(Duration.ofDays(1));
        RotateSigningKeysService other = new RotateSigningKeysService(new SlowToSee(keys), POLICY, SigningAlgorithm.ES256, audit, clock);

        ForcedRotation forced = other.rotateNow();

        SigningKey winners = keys.findAll().get(1);
        assertEquals(new ForcedRotation.SuccessorPending(winners.id(), winners.activatesAt(), keys.findAll().get(0).id()), forced);
        assertEquals(List.of(), audit.events(), "the loser created nothing");
    }

    /** Another instance adds its key between this one's read and its write. */
    private static final class SlowToSee implements SigningKeyRepository {
        private final SigningKeyRepository store;
        private boolean raced;

        SlowToSee(SigningKeyRepository store) {
            this.store = store;
        }

        @Override
        public List<SigningKey> findAll() {
            return store.findAll();
        }

        @Override
        public Optional<SigningKey> findById(KeyId id) {
            return store.findById(id);
        }

        @Override
        public AddSigningKeyOutcome add(SigningKey key) {
            if (!raced) {
                raced = true;
                assertEquals(AddSigningKeyOutcome.ADDED, store.add(SigningKey.generate(key.algorithm(), key.generation(),
                        key.createdAt(), key.activatesAt())));
            }
            return store.add(key);
        }

        @Override
        public int remove(Collection<KeyId> ids) {
            return store.remove(ids);
        }

        @Override
        public RevokeSigningKeyOutcome revoke(KeyId id, Instant at) {
            return store.revoke(id, at);
        }

        @Override
        public Set<KeyId> revokedIds() {
            return store.revokedIds();
        }
    }
}
