package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ForcedRotation;
import dev.gatehouse.application.port.in.KeyRotation;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the {@link KeyRotationPolicy} to the stored keys. When two instances find a successor due at the same
 * moment, both generate one but the store keeps only the first of that generation; the other reads the keys
 * again and finds the winner's successor, which serves just as well. A forced rotation is audited; the scheduled
 * ones are routine and are not.
 */
public final class RotateSigningKeysService implements RotateSigningKeysUseCase {

    /** A forced rotation that loses the race for a generation this often in a row gives up. */
    private static final int MAX_FORCED_ATTEMPTS = 3;

    private final SigningKeyRepository keys;
    private final KeyRotationPolicy policy;
    private final SigningAlgorithm algorithm;
    private final AuditLog audit;
    private final Clock clock;

    public RotateSigningKeysService(SigningKeyRepository keys, KeyRotationPolicy policy, SigningAlgorithm algorithm,
                                    AuditLog audit, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public KeyRotation rotate() {
        Instant now = clock.instant();
        List<SigningKey> stored = keys.findAll();
        Optional<KeyId> created = Optional.empty();
        Optional<Instant> activation = policy.successorActivation(stored, algorithm, now);
        if (activation.isPresent()) {
            SigningKey successor = successor(stored, now, activation.get());
            if (keys.add(successor) == AddSigningKeyOutcome.ADDED) {
                created = Optional.of(successor.id());
            }
            stored = keys.findAll();
        }
        List<KeyId> removed = removeExpired(stored, now);
        List<SigningKey> current = removed.isEmpty() ? stored : keys.findAll();
        return new KeyRotation(created, removed, signingKey(current, now).id());
    }

    @Override
    public ForcedRotation rotateNow() {
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            List<SigningKey> stored = keys.findAll();
            Optional<Instant> activation = policy.forcedSuccessorActivation(stored, now);
            if (activation.isEmpty()) {
                SigningKey waiting = policy.pendingSuccessor(stored, now).orElseThrow();
                return new ForcedRotation.SuccessorPending(waiting.id(), waiting.activatesAt(), signingKey(stored, now).id());
            }
            SigningKey successor = successor(stored, now, activation.get());
            if (keys.add(successor) == AddSigningKeyOutcome.ADDED) {
                audit.record(new AuditEvent(AuditEvent.Type.SIGNING_KEY_ROTATED, successor.id().value(), ClientAddress.LOCAL,
                        now, AuditEvent.CONSOLE));
                List<SigningKey> current = keys.findAll();
                removeExpired(current, now);
                return new ForcedRotation.SuccessorCreated(successor.id(), activation.get(), signingKey(current, now).id());
            }
            // Another instance stored a key of that generation first: look again at what is stored now.
            if (attempt == MAX_FORCED_ATTEMPTS) {
                throw new IllegalStateException("another instance kept creating signing keys; try again");
            }
        }
    }

    private SigningKey successor(List<SigningKey> stored, Instant now, Instant activation) {
        return SigningKey.generate(algorithm, KeyRotationPolicy.nextGeneration(stored), now, activation);
    }

    private List<KeyId> removeExpired(List<SigningKey> stored, Instant now) {
        List<KeyId> removable = policy.removable(stored, now).stream().map(SigningKey::id).toList();
        if (!removable.isEmpty()) {
            keys.remove(removable);
        }
        return removable;
    }

    private SigningKey signingKey(List<SigningKey> current, Instant now) {
        return policy.signingKey(current, now).orElseThrow(() -> new IllegalStateException(
                "no key can sign after rotation; stored keys: " + current));
    }
}
