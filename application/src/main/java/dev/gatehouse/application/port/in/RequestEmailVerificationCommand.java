package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/** A username or email address as typed, whose owner wants a new verification link, and where the request came from. */
public record RequestEmailVerificationCommand(String account, ClientAddress client) {

    public RequestEmailVerificationCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(client, "client");
    }
}
