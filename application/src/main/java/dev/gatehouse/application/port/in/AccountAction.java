package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Username;
import java.util.Objects;

/** An administrative request about one account: who asks, about whom, and from where (for the audit trail). */
public record AccountAction(Actor actor, Username username, ClientAddress client) {

    public AccountAction {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(client, "client");
    }
}
