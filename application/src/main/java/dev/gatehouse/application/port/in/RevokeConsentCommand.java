package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.UserId;
import java.util.Objects;

/**
 * Take back what {@code user} allowed {@code client}: a user the driving adapter has already authenticated, or one an
 * administrator ({@code actor}, empty when the user acts themselves) chose; {@code from} is where the request came from.
 */
public record RevokeConsentCommand(UserId user, ClientId client, ClientAddress from, String actor) {

    public RevokeConsentCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(actor, "actor");
    }

    /** The user takes back their own consent. */
    public RevokeConsentCommand(UserId user, ClientId client, ClientAddress from) {
        this(user, client, from, "");
    }
}
