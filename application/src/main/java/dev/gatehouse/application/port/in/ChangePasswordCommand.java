package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import java.util.Objects;

/** The caller's bearer token, current password and new password. */
public record ChangePasswordCommand(String accessToken, PlainPassword currentPassword, PlainPassword newPassword,
                                    ClientAddress client) {

    public ChangePasswordCommand {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newPassword, "newPassword");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "ChangePasswordCommand[redacted, client=" + client + "]";
    }
}
