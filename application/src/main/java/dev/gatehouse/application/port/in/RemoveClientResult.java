package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientId;
import java.util.Objects;

/** How removing a client ended. */
public sealed interface RemoveClientResult {

    /** Deleted, and {@code sessionsEnded} sessions started through it revoked. */
    record Removed(ClientId id, int sessionsEnded) implements RemoveClientResult {

        public Removed {
            Objects.requireNonNull(id, "id");
        }
    }

    /** No client with that id is registered as data. */
    record NoSuchClient() implements RemoveClientResult {
    }

    /** The client is registered in the settings: it goes when they no longer name it. */
    record Configured(ClientId id) implements RemoveClientResult {

        public Configured {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The actor may not administer clients. */
    record Refused(AdminResult.Refusal refusal) implements RemoveClientResult {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
