package dev.gatehouse.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One live session of the caller, as the account page lists it: its id (to end it), the client application it was
 * started through (none without registered clients), when it started, when it was last used (its newest refresh), and
 * whether it is the session of the token asking.
 */
public record ActiveSession(String id, Optional<String> client, Instant startedAt, Instant lastUsedAt, boolean current) {

    public ActiveSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
