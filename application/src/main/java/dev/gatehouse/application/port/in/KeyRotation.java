package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.KeyId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one rotation run did: the key it created (none when nothing was due, or another instance created it
 * first), the keys it deleted, and the key that signs now.
 */
public record KeyRotation(Optional<KeyId> created, List<KeyId> removed, KeyId signingKey) {

    public KeyRotation {
        Objects.requireNonNull(created, "created");
        removed = List.copyOf(removed);
        Objects.requireNonNull(signingKey, "signingKey");
    }

    public boolean changedAnything() {
        return created.isPresent() || !removed.isEmpty();
    }
}
