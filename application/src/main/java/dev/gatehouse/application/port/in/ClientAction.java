package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/**
 * An administrative request about one registered client: who asks, the client's id as given (an id no client could
 * have is no client), and from where (for the audit trail).
 */
public record ClientAction(Actor actor, String clientId, ClientAddress from) {

    public ClientAction {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(from, "from");
    }
}
