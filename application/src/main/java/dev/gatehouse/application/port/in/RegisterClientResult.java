package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RegisteredClient;
import java.util.Objects;
import java.util.Optional;

/** How registering a client ended. */
public sealed interface RegisterClientResult {

    /**
     * Stored. {@code secret} is the generated secret of a confidential client without keys, shown this once: only
     * its hash is kept.
     */
    record Registered(RegisteredClient client, Optional<String> secret) implements RegisterClientResult {

        public Registered {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Registered[" + client.id() + ", secret " + (secret.isPresent() ? "withheld" : "none") + "]";
        }
    }

    /** A field is wrong: {@code field} names it as the request did, {@code message} says what to write instead. */
    record Invalid(String field, String message) implements RegisterClientResult {

        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A client with this id is registered already, as data or in the settings. */
    record IdTaken(ClientId id) implements RegisterClientResult {

        public IdTaken {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The actor may not administer clients. */
    record Refused(AdminResult.Refusal refusal) implements RegisterClientResult {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
