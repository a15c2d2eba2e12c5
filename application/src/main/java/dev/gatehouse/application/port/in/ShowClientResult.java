package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.RegisteredClient;
import java.util.Objects;

/** How showing a client ended. */
public sealed interface ShowClientResult {

    record Found(RegisteredClient client) implements ShowClientResult {

        public Found {
            Objects.requireNonNull(client, "client");
        }
    }

    /** No client with that id is registered as data. */
    record NoSuchClient() implements ShowClientResult {
    }

    /** The actor may not administer clients. */
    record Refused(AdminResult.Refusal refusal) implements ShowClientResult {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
