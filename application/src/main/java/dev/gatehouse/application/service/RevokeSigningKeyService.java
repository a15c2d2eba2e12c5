package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.KeyRevocation;
import dev.gatehouse.application.port.in.RevokeSigningKeyUseCase;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Revokes a signing key. When nothing could sign once it is revoked (it was the signing key), the successor is
 * stored first, activating at once, and the key revoked second: at every moment some key signs, and an instance
 * that sees the revocation sees the successor with it. The revocation is a conditional write, so two operators
 * revoking at once both end with the key revoked and one audit event. Both the revocation and the successor are
 * audited as the console.
 */
public final class RevokeSigningKeyService implements RevokeSigningKeyUseCase {

    /** A successor that loses the race for a generation this often in a row gives up. */
    private static final int MAX_ATTEMPTS = 3;

    private final SigningKeyRepository keys;
    private final KeyRotationPolicy policy;
    private final SigningAlgorithm algorithm;
    private final AuditLog audit;
    private final Clock clock;

    public RevokeSigningKeyService(SigningKeyRepository keys, KeyRotationPolicy policy, SigningAlgorithm algorithm,
                                   AuditLog audit, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public KeyRevocation revoke(KeyId id) {
        Objects.requireNonNull(id, "id");
        return revoke(stored -> stored.stream().filter(key -> key.id().equals(id)).findFirst(), () -> new KeyRevocation.UnknownKey(id));
    }

    @Override
    public KeyRevocation revokeSigningKey() {
        Instant now = clock.instant();
        return revoke(stored -> policy.activeKey(stored, now), KeyRevocation.NoSigningKey::new);
    }

    private KeyRevocation revoke(Function<List<SigningKey>, Optional<SigningKey>> target,
                                 Supplier<KeyRevocation> absent) {
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            List<SigningKey> stored = keys.findAll();
            Optional<SigningKey> found = target.apply(stored);
            if (found.isEmpty()) {
                return absent.get();
            }
            SigningKey key = found.get();
            if (key.isRevoked()) {
                return new KeyRevocation.AlreadyRevoked(key.id());
            }
            List<SigningKey> afterRevocation = stored.stream().map(k -> k.id().equals(key.id()) ? k.revoked(now) : k).toList();
            Optional<KeyId> successor = Optional.empty();
            if (policy.activeKey(afterRevocation, now).isEmpty()) {
                // No pre-publication: every moment of waiting is a moment the compromised key signs.
                SigningKey next = SigningKey.generate(algorithm, KeyRotationPolicy.nextGeneration(stored), now, now);
                if (keys.add(next) != AddSigningKeyOutcome.ADDED) {
                    // Another instance stored a key of that generation first: look again at what is stored now.
                    if (attempt == MAX_ATTEMPTS) {
                        throw new IllegalStateException("another instance kept creating signing keys; try again");
                    }
                    continue;
                }
                audit.record(new AuditEvent(AuditEvent.Type.SIGNING_KEY_ROTATED, next.id().value(), ClientAddress.LOCAL,
                        now, AuditEvent.CONSOLE));
                successor = Optional.of(next.id());
            }
            return switch (keys.revoke(key.id(), now)) {
                case REVOKED -> {
                    audit.record(new AuditEvent(AuditEvent.Type.SIGNING_KEY_REVOKED, key.id().value(), ClientAddress.LOCAL,
                            now, AuditEvent.CONSOLE));
                    yield new KeyRevocation.Revoked(key.id(), successor, signingKey(now));
                }
                case ALREADY_REVOKED -> new KeyRevocation.AlreadyRevoked(key.id());
                case NOT_FOUND -> absent.get();
            };
        }
    }

    private KeyId signingKey(Instant now) {
        List<SigningKey> current = keys.findAll();
        return policy.activeKey(current, now).map(SigningKey::id).orElseThrow(() -> new IllegalStateException(
                "no key signs after the revocation; stored keys: " + current));
    }
}
