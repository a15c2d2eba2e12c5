package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/** The token of a verification link, and where the request came from. */
public record ConfirmEmailVerificationCommand(String token, ClientAddress client) {

    public ConfirmEmailVerificationCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "ConfirmEmailVerificationCommand[redacted, client=" + client + "]";
    }
}
