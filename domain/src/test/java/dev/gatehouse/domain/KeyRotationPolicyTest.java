package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rotation schedule, driven by a clock that only moves when the test says so. */
class KeyRotationPolicyTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration PRE_PUBLICATION = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofMinutes(15).plusSeconds(30);
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(PERIOD, PRE_PUBLICATION, RETENTION);

    /** What a rotation run does: create the successor the policy asks for, drop what it calls removable. */
    private static void rotate(List<SigningKey> keys, Instant now) {
        POLICY.successorActivation(keys, SigningAlgorithm.ES256, now).ifPresent(activation -> keys.add(
                SigningKey.generate(SigningAlgorithm.ES256, KeyRotationPolicy.nextGeneration(keys), now, activation)));
        keys.removeAll(POLICY.removable(keys, now));
    }

    @Test
    void a_new_deployment_signs_at_once() {
        List<SigningKey> keys = new ArrayList<>();

        assertEquals(Optional.of(START), POLICY.successorActivation(keys, SigningAlgorithm.ES256, START));
        rotate(keys, START);

        assertEquals(1, keys.size());
        assertEquals(keys.get(0), POLICY.signingKey(keys, START).orElseThrow());
        assertEquals(keys, POLICY.published(keys, START));
        assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, START));
    }

    @Test
    void publishes_the_successor_before_it_signs_and_keeps_the_old_key_until_its_tokens_expired() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        SigningKey first = keys.get(0);
        Instant due = START.plus(PERIOD).minus(PRE_PUBLICATION);

        rotate(keys, due.minusSeconds(1));
        assertEquals(1, keys.size(), "not due yet");

        rotate(keys, due);
        assertEquals(2, keys.size());
        SigningKey second = keys.get(1);
        assertEquals(2, second.generation());
        assertEquals(START.plus(PERIOD), second.activatesAt());
        assertEquals(List.of(first, second), POLICY.published(keys, due), "published before it signs");
        assertEquals(first, POLICY.signingKey(keys, second.activatesAt().minusMillis(1)).orElseThrow());

        Instant switched = second.activatesAt();
        assertEquals(second, POLICY.signingKey(keys, switched).orElseThrow());
        assertEquals(Optional.of(switched), POLICY.retiredAt(first, keys, switched));
        assertEquals(List.of(first, second), POLICY.published(keys, switched.plus(RETENTION).minusMillis(1)));
        assertEquals(List.of(second), POLICY.published(keys, switched.plus(RETENTION)));
        assertEquals(List.of(first), POLICY.removable(keys, switched.plus(RETENTION)));

        rotate(keys, switched.plus(RETENTION));
        assertEquals(List.of(second), keys);
    }

    @Test
    void a_late_rotation_still_publishes_for_the_whole_window_while_the_old_key_signs_on() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant late = START.plus(PERIOD).plus(Duration.ofDays(3));

        rotate(keys, late);

        assertEquals(late.plus(PRE_PUBLICATION), keys.get(1).activatesAt());
        assertEquals(keys.get(0), POLICY.signingKey(keys, late.plus(PRE_PUBLICATION).minusMillis(1)).orElseThrow());
    }

    @Test
    void a_changed_algorithm_gets_a_pre_published_key_at_once() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant now = START.plus(Duration.ofDays(1));

        assertEquals(Optional.of(now.plus(PRE_PUBLICATION)), POLICY.successorActivation(keys, SigningAlgorithm.RS256, now));
    }

    @Test
    void a_key_this_process_cannot_sign_with_is_replaced_at_once_but_still_verifies() {
        List<SigningKey> keys = new ArrayList<>(List.of(
                SigningKey.generate(SigningAlgorithm.ES256, 7, START, START).publicOnly()));
        Instant now = START.plusSeconds(60);

        assertEquals(Optional.empty(), POLICY.signingKey(keys, now));
        assertEquals(Optional.of(now), POLICY.successorActivation(keys, SigningAlgorithm.ES256, now));
        rotate(keys, now);

        assertEquals(8, POLICY.signingKey(keys, now).orElseThrow().generation());
        assertEquals(2, POLICY.published(keys, now).size());
    }

    @Test
    void while_the_newest_key_is_unreadable_here_the_newest_published_key_it_can_read_signs_until_a_successor_exists() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        SigningKey readable = keys.get(0);
        Instant switched = START.plus(PERIOD);
        // Another instance's successor, stored under a key-encryption key this one lacks.
        keys.add(SigningKey.generate(SigningAlgorithm.ES256, 2, switched.minus(PRE_PUBLICATION), switched).publicOnly());

        assertEquals(readable, POLICY.signingKey(keys, switched).orElseThrow(), "no signing gap, no 503");
        assertEquals(Optional.of(switched), POLICY.successorActivation(keys, SigningAlgorithm.ES256, switched),
                "a successor this instance can sign with is due at once");
        assertEquals(Optional.empty(), POLICY.signingKey(keys, switched.plus(RETENTION)),
                "never a key verifiers no longer trust");
        rotate(keys, switched);
        assertEquals(3, POLICY.signingKey(keys, switched).orElseThrow().generation());
        assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, switched.plusSeconds(60)),
                "and then nothing more: keys do not multiply");
    }

    @Test
    void a_pending_key_needs_no_other_successor() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant due = START.plus(PERIOD).minus(PRE_PUBLICATION);
        rotate(keys, due);

        for (Instant now = due; now.isBefore(START.plus(PERIOD)); now = now.plus(Duration.ofMinutes(7))) {
            assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, now), now::toString);
        }
    }

    @Test
    void a_year_of_rotations_never_leaves_a_moment_without_a_signing_key_or_a_signing_key_unpublished() {
        List<SigningKey> keys = new ArrayList<>();
        Duration step = Duration.ofMinutes(10);
        int created = 0;
        for (Instant now = START; now.isBefore(START.plus(Duration.ofDays(365))); now = now.plus(step)) {
            int before = keys.size();
            rotate(keys, now);
            created += keys.size() > before ? 1 : 0;
            SigningKey signing = POLICY.signingKey(keys, now).orElseThrow(() -> new AssertionError("no signing key"));
            assertTrue(POLICY.published(keys, now).contains(signing));
            assertTrue(keys.size() <= 2, "at most the signing key and one neighbour: " + keys.size());
            SigningKey newest = keys.get(keys.size() - 1);
            if (newest.activatesAt().isAfter(now)) {
                assertFalse(newest.createdAt().plus(PRE_PUBLICATION).isAfter(newest.activatesAt()));
            }
        }
        assertEquals(13, created);
    }

    @Test
    void a_forced_rotation_publishes_the_successor_now_and_lets_it_sign_only_after_the_window() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        SigningKey first = keys.get(0);
        Instant now = START.plus(Duration.ofDays(3));

        Instant activation = POLICY.forcedSuccessorActivation(keys, now).orElseThrow();
        SigningKey successor = SigningKey.generate(SigningAlgorithm.ES256, KeyRotationPolicy.nextGeneration(keys), now, activation);
        keys.add(successor);

        assertEquals(now.plus(PRE_PUBLICATION), activation, "never earlier than a scheduled successor would sign");
        assertEquals(List.of(first, successor), POLICY.published(keys, now), "published at once");
        assertEquals(Optional.of(successor), POLICY.pendingSuccessor(keys, now));
        assertEquals(first, POLICY.signingKey(keys, activation.minusMillis(1)).orElseThrow(), "the current key signs on");
        assertEquals(successor, POLICY.signingKey(keys, activation).orElseThrow());
        assertEquals(List.of(first, successor), POLICY.published(keys, activation.plus(RETENTION).minusMillis(1)),
                "the old key stays published until its last tokens expired");
        assertEquals(List.of(first), POLICY.removable(keys, activation.plus(RETENTION)));
        assertEquals(Optional.empty(), POLICY.pendingSuccessor(keys, activation));
    }

    @Test
    void a_forced_rotation_while_a_successor_waits_creates_nothing() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant due = START.plus(PERIOD).minus(PRE_PUBLICATION);
        rotate(keys, due);
        SigningKey waiting = keys.get(1);

        assertEquals(Optional.empty(), POLICY.forcedSuccessorActivation(keys, due.plusSeconds(60)));
        assertEquals(Optional.of(waiting), POLICY.pendingSuccessor(keys, due.plusSeconds(60)));
    }

    @Test
    void a_forced_rotation_with_no_key_that_can_sign_signs_at_once() {
        assertEquals(Optional.of(START), POLICY.forcedSuccessorActivation(List.of(), START));
        List<SigningKey> foreign = List.of(SigningKey.generate(SigningAlgorithm.ES256, 1, START, START).publicOnly());
        assertEquals(Optional.of(START.plusSeconds(1)), POLICY.forcedSuccessorActivation(foreign, START.plusSeconds(1)));
    }

    @Test
    void the_schedule_after_a_forced_rotation_counts_from_the_forced_key() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant forced = START.plus(Duration.ofDays(10));
        keys.add(SigningKey.generate(SigningAlgorithm.ES256, 2, forced, POLICY.forcedSuccessorActivation(keys, forced).orElseThrow()));
        Instant activated = forced.plus(PRE_PUBLICATION);

        assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, forced.plusSeconds(1)),
                "the forced key is the successor; the old schedule no longer applies");
        assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, START.plus(PERIOD)));
        Instant nextDue = activated.plus(PERIOD).minus(PRE_PUBLICATION);
        assertEquals(Optional.of(activated.plus(PERIOD)), POLICY.successorActivation(keys, SigningAlgorithm.ES256, nextDue));
    }

    @Test
    void a_revoked_signing_key_is_distrusted_at_once_and_a_successor_activating_now_signs() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        Instant due = START.plus(PERIOD).minus(PRE_PUBLICATION);
        rotate(keys, due);
        Instant switched = START.plus(PERIOD);
        SigningKey retired = keys.get(0);
        SigningKey compromised = keys.get(1);
        Instant now = switched.plusSeconds(60);
        assertEquals(compromised, POLICY.signingKey(keys, now).orElseThrow());

        SigningKey successor = SigningKey.generate(SigningAlgorithm.ES256, KeyRotationPolicy.nextGeneration(keys), now, now);
        keys.add(successor);
        keys.set(1, compromised.revoked(now));

        assertEquals(successor, POLICY.signingKey(keys, now).orElseThrow());
        assertEquals(List.of(retired, successor), POLICY.published(keys, now), "revoked: neither published nor trusted");
        assertFalse(POLICY.published(keys, now.plusMillis(1)).stream().anyMatch(key -> key.id().equals(compromised.id())));
        assertEquals(List.of(successor), POLICY.published(keys, switched.plus(RETENTION)),
                "the retired key's retention counts from its own retirement, not from the revoked key's");
        assertEquals(Optional.empty(), POLICY.successorActivation(keys, SigningAlgorithm.ES256, now.plusSeconds(1)));
    }

    @Test
    void revoking_the_signing_key_without_a_successor_leaves_nothing_signing_rather_than_an_older_key() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        rotate(keys, START.plus(PERIOD).minus(PRE_PUBLICATION));
        Instant now = START.plus(PERIOD).plusSeconds(60);
        keys.set(1, keys.get(1).revoked(now));

        assertEquals(Optional.empty(), POLICY.signingKey(keys, now), "the retired key does not come back");
        assertEquals(Optional.empty(), POLICY.activeKey(keys, now));
        assertEquals(Optional.of(now), POLICY.successorActivation(keys, SigningAlgorithm.ES256, now), "one is due at once");
    }

    @Test
    void a_successor_revoked_before_it_signs_never_signs_and_the_schedule_replaces_it() {
        List<SigningKey> keys = new ArrayList<>();
        rotate(keys, START);
        SigningKey current = keys.get(0);
        Instant due = START.plus(PERIOD).minus(PRE_PUBLICATION);
        rotate(keys, due);
        Instant now = due.plusSeconds(60);
        keys.set(1, keys.get(1).revoked(now));

        assertEquals(List.of(current), POLICY.published(keys, now));
        assertEquals(Optional.empty(), POLICY.pendingSuccessor(keys, now));
        assertEquals(3, KeyRotationPolicy.nextGeneration(keys), "the revoked key's generation stays taken");
        Instant later = START.plus(PERIOD).plusSeconds(60);
        assertEquals(current, POLICY.signingKey(keys, later).orElseThrow(), "the revoked successor retires nothing");
        assertEquals(List.of(current), POLICY.published(keys, later));
        assertEquals(Optional.of(now.plus(PRE_PUBLICATION)), POLICY.successorActivation(keys, SigningAlgorithm.ES256, now),
                "a new successor is due, pre-published as usual");
    }

    @Test
    void refuses_a_pre_publication_window_as_long_as_the_period_and_non_positive_durations() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRotationPolicy(PERIOD, PERIOD, RETENTION));
        assertThrows(IllegalArgumentException.class, () -> new KeyRotationPolicy(PERIOD, Duration.ZERO, RETENTION));
        assertThrows(IllegalArgumentException.class, () -> new KeyRotationPolicy(Duration.ofDays(-1), PRE_PUBLICATION, RETENTION));
        assertThrows(NullPointerException.class, () -> new KeyRotationPolicy(PERIOD, PRE_PUBLICATION, null));
    }
    @Test
    void the_published_keys_stay_as_they_are_until_the_next_publication_change() {
        Random random = new Random(16);
        List<SigningKey> templates = new ArrayList<>();
        for (int generation = 1; generation <= 4; generation++) {
            templates.add(SigningKey.generate(SigningAlgorithm.ES256, generation, START, START));
        }
        for (int round = 0; round < 300; round++) {
            List<SigningKey> keys = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int generation = 1; generation <= count; generation++) {
                Instant activates = START.plus(Duration.ofMinutes(random.nextInt(120)));
                SigningKey template = templates.get(generation - 1);
                SigningKey key = new SigningKey(template.id(), generation, template.algorithm(), template.publicKey(),
                        template.privateKey(), START, activates, Optional.empty());
                keys.add(random.nextInt(5) == 0 ? key.revoked(activates.plus(Duration.ofMinutes(random.nextInt(60) - 30)))
                        : key);
            }
            Instant now = START.plus(Duration.ofSeconds(random.nextInt(3 * 3600)));
            List<SigningKey> published = POLICY.published(keys, now);
            Optional<Instant> next = POLICY.nextPublicationChange(keys, now);
            Instant end = next.orElse(now.plus(Duration.ofDays(1)));
            assertTrue(end.isAfter(now));
            for (int probe = 0; probe < 20; probe++) {
                Instant within = now.plusMillis((long) (random.nextDouble() * Duration.between(now, end).toMillis()));
                assertEquals(published, POLICY.published(keys, within), "round " + round + " at " + within);
            }
            assertEquals(published, POLICY.published(keys, end.minusNanos(1)));
        }
    }
}
