package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.KeyRotation;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
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
 * again and finds the winner's successor, which serves just as well.
 */
public final class RotateSigningKeysService implements RotateSigningKeysUseCase {

    private final SigningKeyRepository keys;
    private final KeyRotationPolicy policy;
    private final SigningAlgorithm algorithm;
    private final Clock clock;

    public RotateSigningKeysService(SigningKeyRepository keys, KeyRotationPolicy policy, SigningAlgorithm algorithm,
                                    Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public KeyRotation rotate() {
        Instant now = clock.instant();
        List<SigningKey> stored = keys.findAll();
        Optional<KeyId> created = Optional.empty();
        Optional<Instant> activation = policy.successorActivation(stored, algorithm, now);
        if (activation.isPresent()) {
            SigningKey successor = SigningKey.generate(algorithm, KeyRotationPolicy.nextGeneration(stored), now,
                    activation.get());
            if (keys.add(successor) == AddSigningKeyOutcome.ADDED) {
                created = Optional.of(successor.id());
            }
            stored = keys.findAll();
        }
        List<KeyId> removable = policy.removable(stored, now).stream().map(SigningKey::id).toList();
        if (!removable.isEmpty()) {
            keys.remove(removable);
            stored = keys.findAll();
        }
        List<SigningKey> current = stored;
        SigningKey signing = policy.signingKey(current, now).orElseThrow(() -> new IllegalStateException(
                "no key can sign after rotation; stored keys: " + current));
        return new KeyRotation(created, removable, signing.id());
    }
}
