package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientId;
import java.util.Objects;

/** How replacing a client's secret ended. */
public sealed interface RotateClientSecretResult {

    /** The new secret, shown this once; the old one no longer authenticates. */
    record Rotated(ClientId id, String secret) implements RotateClientSecretResult {

        public Rotated {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Rotated[" + id + ", secret withheld]";
        }
    }

    /** No client with that id is registered as data. */
    record NoSuchClient() implements RotateClientSecretResult {
    }

    /** The client is registered in the settings, where its secret is set. */
    record Configured(ClientId id) implements RotateClientSecretResult {

        public Configured {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The client has no secret to replace: it is public, or proves itself with keys. */
    record NoSecret(ClientId id) implements RotateClientSecretResult {

        public NoSecret {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The actor may not administer clients. */
    record Refused(AdminResult.Refusal refusal) implements RotateClientSecretResult {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
