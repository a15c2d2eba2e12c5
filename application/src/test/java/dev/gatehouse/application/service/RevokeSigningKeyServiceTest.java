package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.KeyRevocation;
import dev.gatehouse.application.port.in.PublishedKey;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RevokeSigningKeyServiceTest {

    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration PRE_PUBLICATION = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofMinutes(16);
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(PERIOD, PRE_PUBLICATION, RETENTION);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RotateSigningKeysService rotation = new RotateSigningKeysService(keys, POLICY, SigningAlgorithm.ES256, audit, clock);
    private final RevokeSigningKeyService revocation = new RevokeSigningKeyService(keys, POLICY, SigningAlgorithm.ES256, audit, clock);
    private final PublishedKeysService published = new PublishedKeysService(keys, POLICY, clock);

    @Test
    void revoking_the_signing_key_distrusts_it_and_a_successor_signs_at_once() {
        KeyId compromised = rotation.rotate().signingKey();
        clock.advance(Duration.ofDays(2));

        KeyRevocation.Revoked revoked = assertInstanceOf(KeyRevocation.Revoked.class, revocation.revoke(compromised));

        KeyId successor = revoked.successor().orElseThrow();
        assertEquals(compromised, revoked.revoked());
        assertEquals(successor, revoked.signingKey(), "no pre-publication wait");
        assertEquals(successor, rotation.rotate().signingKey());
        assertEquals(List.of(successor), published.publishedKeys().stream().map(PublishedKey::id).toList());
        assertEquals(Optional.of(clock.instant()), keys.findById(compromised).orElseThrow().revokedAt());
        assertEquals(List.of(AuditEvent.Type.SIGNING_KEY_ROTATED, AuditEvent.Type.SIGNING_KEY_REVOKED), audit.types());
        assertEquals(compromised.value(), audit.events().get(1).subject());
        assertEquals(AuditEvent.CONSOLE, audit.events().get(1).actor());
    }

    @Test
    void rotate_keys_compromised_revokes_whichever_key_signs_now() {
        KeyId compromised = rotation.rotate().signingKey();

        KeyRevocation.Revoked revoked = assertInstanceOf(KeyRevocation.Revoked.class, revocation.revokeSigningKey());

        assertEquals(compromised, revoked.revoked());
        assertEquals(revoked.successor().orElseThrow(), rotation.rotate().signingKey());
        assertTrue(keys.findById(compromised).orElseThrow().isRevoked());
    }

    @Test
    void revoking_a_retired_key_creates_no_successor_and_the_current_key_signs_on() {
        KeyId retired = rotation.rotate().signingKey();
        clock.advance(PERIOD.minus(PRE_PUBLICATION));
        KeyId current = rotation.rotate().created().orElseThrow();
        clock.advance(PRE_PUBLICATION.plusSeconds(1));
        assertEquals(List.of(retired, current), published.publishedKeys().stream().map(PublishedKey::id).toList());

        KeyRevocation.Revoked revoked = assertInstanceOf(KeyRevocation.Revoked.class, revocation.revoke(retired));

        assertEquals(new KeyRevocation.Revoked(retired, Optional.empty(), current), revoked);
        assertEquals(List.of(current), published.publishedKeys().stream().map(PublishedKey::id).toList());
        assertEquals(List.of(AuditEvent.Type.SIGNING_KEY_REVOKED), audit.types());
    }

    @Test
    void revoking_a_waiting_successor_keeps_the_current_key_signing_and_the_schedule_pre_publishes_another() {
        KeyId current = rotation.rotate().signingKey();
        clock.advance(PERIOD.minus(PRE_PUBLICATION));
        KeyId waiting = rotation.rotate().created().orElseThrow();

        assertEquals(new KeyRevocation.Revoked(waiting, Optional.empty(), current), revocation.revoke(waiting));

        clock.advance(Duration.ofMinutes(1));
        KeyId replacement = rotation.rotate().created().orElseThrow();
        clock.advance(PRE_PUBLICATION.minusMinutes(1));
        assertEquals(current, rotation.rotate().signingKey(), "the revoked successor never signs");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(replacement, rotation.rotate().signingKey());
    }

    @Test
    void an_unknown_or_already_revoked_key_changes_and_records_nothing() {
        KeyId key = rotation.rotate().signingKey();
        revocation.revoke(key);
        audit.clear();
        int stored = keys.findAll().size();

        assertEquals(new KeyRevocation.AlreadyRevoked(key), revocation.revoke(key));
        assertEquals(new KeyRevocation.UnknownKey(new KeyId("never-stored")), revocation.revoke(new KeyId("never-stored")));
        assertEquals(new KeyRevocation.NoSigningKey(),
                new RevokeSigningKeyService(new InMemorySigningKeyRepository(), POLICY, SigningAlgorithm.ES256, audit, clock)
                        .revokeSigningKey());
        assertEquals(stored, keys.findAll().size());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void operators_revoking_the_same_key_at_once_revoke_it_once_and_create_one_successor() throws Exception {
        KeyId compromised = rotation.rotate().signingKey();
        int operators = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(operators);
        try {
            List<Future<KeyRevocation>> outcomes = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                RevokeSigningKeyService instance = new RevokeSigningKeyService(keys, POLICY, SigningAlgorithm.ES256, audit, clock);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return instance.revoke(compromised);
                }));
            }
            start.countDown();
            List<KeyRevocation> answers = new ArrayList<>();
            for (Future<KeyRevocation> outcome : outcomes) {
                answers.add(outcome.get());
            }
            assertEquals(1, answers.stream().filter(KeyRevocation.Revoked.class::isInstance).count(), answers::toString);
            assertEquals(operators - 1, answers.stream().filter(KeyRevocation.AlreadyRevoked.class::isInstance).count());
            assertEquals(2, keys.findAll().size(), "one successor: " + keys.findAll());
            assertEquals(1, audit.types().stream().filter(AuditEvent.Type.SIGNING_KEY_REVOKED::equals).count());
            SigningKey successor = keys.findAll().get(1);
            assertEquals(successor.id(), POLICY.signingKey(keys.findAll(), clock.instant()).orElseThrow().id());
        } finally {
            pool.shutdownNow();
        }
    }
}
