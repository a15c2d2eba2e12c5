package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import java.util.Objects;

/** The token of a reset link, the new password, and where the request came from. */
public record ConfirmPasswordResetCommand(String token, PlainPassword newPassword, ClientAddress client) {

    public ConfirmPasswordResetCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(newPassword, "newPassword");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "ConfirmPasswordResetCommand[redacted, client=" + client + "]";
    }
}
