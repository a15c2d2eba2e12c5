package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.PublishedKey;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyRotationPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** The keys the {@link KeyRotationPolicy} publishes now, public parts only. */
public final class PublishedKeysService implements PublishedKeysUseCase {

    private final SigningKeyRepository keys;
    private final KeyRotationPolicy policy;
    private final Clock clock;

    public PublishedKeysService(SigningKeyRepository keys, KeyRotationPolicy policy, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<PublishedKey> publishedKeys() {
        return policy.published(keys.findAll(), clock.instant()).stream()
                .map(key -> new PublishedKey(key.id(), key.algorithm(), key.publicKey()))
                .toList();
    }
}
