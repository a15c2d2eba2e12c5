package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/** A username or an email address whose owner forgot the password, as typed, and where the request came from. */
public record RequestPasswordResetCommand(String account, ClientAddress client) {

    public RequestPasswordResetCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(client, "client");
    }
}
