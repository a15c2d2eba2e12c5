package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When signing keys are published, sign, stop signing and disappear. Every instance computes the same answers
 * from the same stored keys and the time, so instances on one database agree without talking to each other.
 *
 * <ul>
 *   <li>A key is <b>published</b> from its creation: resource servers can fetch it before it signs.</li>
 *   <li>The <b>signing key</b> is the newest (highest generation) key that has activated; this process signs
 *       with it when it holds its private key (else, briefly, with the newest published one it holds).</li>
 *   <li>A <b>successor</b> is due {@code prePublication} before the newest key has signed for
 *       {@code rotationPeriod}, and activates {@code prePublication} after it was created (never earlier, even
 *       when no instance ran at the due time: the old key signs on until then). It is due at once, activating
 *       {@code prePublication} later, when the configured algorithm changed; and due at once, activating at
 *       once, when no key can sign here (a new deployment, or keys stored under another key-encryption key).</li>
 *   <li>A key <b>retires</b> when a newer key activates, stays published for {@code retention} after that (the
 *       longest a token it signed may still be accepted: token lifetime plus clock skew), and is then
 *       <b>removable</b>; it is no longer trusted even before it is deleted.</li>
 *   <li>An operator may <b>force</b> a rotation: the successor is created at once but, like a scheduled one,
 *       signs only {@code prePublication} later.</li>
 *   <li>An operator may <b>revoke</b> a compromised key: from then on it is neither published nor trusted nor
 *       signing, at once, whatever the schedule says. A key revoked before it activated never activates (it
 *       retires no other key); one revoked after still retired its predecessors, so their retention does not
 *       restart. Revoked keys are ignored when deciding on successors, but their generation stays taken; they
 *       become removable when the schedule says so.</li>
 * </ul>
 */
public record KeyRotationPolicy(Duration rotationPeriod, Duration prePublication, Duration retention) {

    private static final Comparator<SigningKey> BY_GENERATION = Comparator.comparingLong(SigningKey::generation);

    public KeyRotationPolicy {
        requirePositive(rotationPeriod, "rotationPeriod");
        requirePositive(prePublication, "prePublication");
        requirePositive(retention, "retention");
        if (prePublication.compareTo(rotationPeriod) >= 0) {
            throw new IllegalArgumentException("the pre-publication window must be shorter than the rotation period");
        }
    }

    /**
     * The key to sign with now: the newest activated key, which no other key has retired. When this process cannot
     * sign with it (it was stored under a key-encryption key this process lacks), the newest activated key it can
     * sign with that is still published bridges the gap until a successor it can sign with is created (at the
     * next rotation check, at once): a signing gap would answer 503. Empty when there is neither.
     */
    public Optional<SigningKey> signingKey(List<SigningKey> keys, Instant now) {
        Optional<SigningKey> active = activeKey(keys, now);
        if (active.isEmpty() || active.get().canSign()) {
            return active;
        }
        return published(keys, now).stream()
                .filter(key -> hasActivated(key, now) && key.canSign())
                .max(BY_GENERATION);
    }

    /**
     * The key that signs now, whether or not this process holds its private part: the newest activated key, empty
     * when there is none or it was revoked (a revoked key signs nowhere; a successor must take over).
     */
    public Optional<SigningKey> activeKey(List<SigningKey> keys, Instant now) {
        return keys.stream()
                .filter(key -> hasActivated(key, now))
                .max(BY_GENERATION)
                .filter(key -> !key.isRevoked());
    }

    /** The keys a verifier trusts now and the key set shows: every key not revoked and not yet past its retention. */
    public List<SigningKey> published(List<SigningKey> keys, Instant now) {
        return keys.stream().filter(key -> !key.isRevoked() && isPublished(key, keys, now)).sorted(BY_GENERATION).toList();
    }

    /**
     * The first instant after {@code now} at which {@link #published} may answer differently for the same keys, empty
     * when it never will: keys are published or not by the activations that retire them and the retention after.
     */
    public Optional<Instant> nextPublicationChange(List<SigningKey> keys, Instant now) {
        return keys.stream()
                .flatMap(key -> Stream.of(key.activatesAt(), key.activatesAt().plus(retention)))
                .filter(now::isBefore)
                .min(Comparator.naturalOrder());
    }

    /** The keys past their retention (revoked or not), which may be deleted. */
    public List<SigningKey> removable(List<SigningKey> keys, Instant now) {
        return keys.stream().filter(key -> !isPublished(key, keys, now)).sorted(BY_GENERATION).toList();
    }

    /** When a key activated after {@code key} retired it, if one has; such a key signs no more. */
    public Optional<Instant> retiredAt(SigningKey key, List<SigningKey> keys, Instant now) {
        return keys.stream()
                .filter(other -> other.generation() > key.generation() && hasActivated(other, now))
                .map(SigningKey::activatesAt)
                .min(Comparator.naturalOrder());
    }

    /**
     * When a new key of {@code algorithm} should start signing, if one should be created now; empty when the
     * stored keys need no successor yet.
     */
    public Optional<Instant> successorActivation(List<SigningKey> keys, SigningAlgorithm algorithm, Instant now) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (activeKey(keys, now).filter(SigningKey::canSign).isEmpty()) {
            // The newest key cannot sign here: a gap in signing, or signing on with a retired key past the
            // retention its tokens need, is worse than a key resource servers have not cached yet.
            return Optional.of(now);
        }
        SigningKey newest = newest(trusted(keys)).orElseThrow();
        Instant published = now.plus(prePublication);
        if (newest.algorithm() != algorithm) {
            return Optional.of(later(published, newest.activatesAt()));
        }
        if (newest.activatesAt().isAfter(now)) {
            return Optional.empty();
        }
        Instant dueActivation = newest.activatesAt().plus(rotationPeriod);
        if (now.isBefore(dueActivation.minus(prePublication))) {
            return Optional.empty();
        }
        return Optional.of(later(published, dueActivation));
    }

    /**
     * When a successor created now on an operator's request (a forced rotation) should start signing: like any
     * successor, only after the whole pre-publication window, so that every instance and every cached key set
     * knows it first, while the current key signs on; at once only when no key can sign here. Empty when the
     * newest key has not started signing yet: it already is the successor, and another would only push it aside.
     */
    public Optional<Instant> forcedSuccessorActivation(List<SigningKey> keys, Instant now) {
        if (activeKey(keys, now).filter(SigningKey::canSign).isEmpty()) {
            return Optional.of(now);
        }
        SigningKey newest = newest(trusted(keys)).orElseThrow();
        if (newest.activatesAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(now.plus(prePublication));
    }

    /** The newest stored key that has not started signing yet, if there is one. */
    public Optional<SigningKey> pendingSuccessor(List<SigningKey> keys, Instant now) {
        return newest(trusted(keys)).filter(key -> key.activatesAt().isAfter(now));
    }

    /** The generation a new key gets: one above the newest stored, revoked or not. */
    public static long nextGeneration(List<SigningKey> keys) {
        return newest(keys).map(key -> key.generation() + 1).orElse(1L);
    }

    private boolean isPublished(SigningKey key, List<SigningKey> keys, Instant now) {
        return retiredAt(key, keys, now).map(retired -> now.isBefore(retired.plus(retention))).orElse(true);
    }

    /** Whether {@code key} has started signing by {@code now}; a key revoked before its activation never does. */
    private static boolean hasActivated(SigningKey key, Instant now) {
        return !key.activatesAt().isAfter(now)
                && key.revokedAt().map(revoked -> !key.activatesAt().isAfter(revoked)).orElse(true);
    }

    private static List<SigningKey> trusted(List<SigningKey> keys) {
        return keys.stream().filter(key -> !key.isRevoked()).toList();
    }

    private static Optional<SigningKey> newest(List<SigningKey> keys) {
        return keys.stream().max(BY_GENERATION);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
