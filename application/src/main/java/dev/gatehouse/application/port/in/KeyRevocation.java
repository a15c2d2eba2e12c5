package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.KeyId;
import java.util.Objects;
import java.util.Optional;

/** How a signing-key revocation ended. */
public sealed interface KeyRevocation {

    /**
     * {@code revoked} is distrusted from now on; {@code successor} is the key created to sign at once in its place
     * (empty when the revoked key did not sign, so the current one signs on); {@code signingKey} signs now.
     */
    record Revoked(KeyId revoked, Optional<KeyId> successor, KeyId signingKey) implements KeyRevocation {

        public Revoked {
            Objects.requireNonNull(revoked, "revoked");
            Objects.requireNonNull(successor, "successor");
            Objects.requireNonNull(signingKey, "signingKey");
        }
    }

    /** The key was revoked before; nothing changed. */
    record AlreadyRevoked(KeyId key) implements KeyRevocation {

        public AlreadyRevoked {
            Objects.requireNonNull(key, "key");
        }
    }

    /** No stored key has this id (it may have been removed after its retention); nothing changed. */
    record UnknownKey(KeyId key) implements KeyRevocation {

        public UnknownKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /** No key signs now (none was created yet), so there is no signing key to revoke; nothing changed. */
    record NoSigningKey() implements KeyRevocation {
    }
}
