package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import java.util.Objects;

/** The caller's bearer token, current password and the address it wants instead. */
public record ChangeEmailCommand(String accessToken, PlainPassword currentPassword, EmailAddress newEmail, ClientAddress client) {

    public ChangeEmailCommand {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newEmail, "newEmail");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "ChangeEmailCommand[redacted, client=" + client + "]";
    }
}
