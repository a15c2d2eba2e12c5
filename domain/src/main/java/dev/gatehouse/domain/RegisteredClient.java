package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A client registered as data (with the command line or the admin API, not in the settings): its registration and
 * when it was made.
 */
public record RegisteredClient(Client client, Instant registeredAt) {

    public RegisteredClient {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    public ClientId id() {
        return client.id();
    }
}
