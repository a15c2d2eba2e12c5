package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.KeyId;
import java.time.Instant;
import java.util.Objects;

/**
 * How a forced signing-key rotation ended. Either way {@code successor} is published now and signs from
 * {@code activatesAt}; until then {@code signingKey} signs (the two are the same when no key could sign here).
 */
public sealed interface ForcedRotation {

    KeyId successor();

    Instant activatesAt();

    KeyId signingKey();

    /** A new key was created. */
    record SuccessorCreated(KeyId successor, Instant activatesAt, KeyId signingKey) implements ForcedRotation {

        public SuccessorCreated {
            Objects.requireNonNull(successor, "successor");
            Objects.requireNonNull(activatesAt, "activatesAt");
            Objects.requireNonNull(signingKey, "signingKey");
        }
    }

    /** A successor was already published and waiting to sign, so nothing was created. */
    record SuccessorPending(KeyId successor, Instant activatesAt, KeyId signingKey) implements ForcedRotation {

        public SuccessorPending {
            Objects.requireNonNull(successor, "successor");
            Objects.requireNonNull(activatesAt, "activatesAt");
            Objects.requireNonNull(signingKey, "signingKey");
        }
    }
}
