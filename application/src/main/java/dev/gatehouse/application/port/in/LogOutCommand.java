package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/** The bearer token of the session to end, and whether to end all of the user's sessions. */
public record LogOutCommand(String accessToken, boolean everywhere, ClientAddress client) {

    public LogOutCommand {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "LogOutCommand[accessToken=redacted, everywhere=" + everywhere + ", client=" + client + "]";
    }
}
