package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;

/** The caller's bearer token, the id of one of its own sessions to end (as typed: anything may arrive), and where from. */
public record EndSessionCommand(String accessToken, String sessionId, ClientAddress client) {

    public EndSessionCommand {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "EndSessionCommand[redacted, sessionId=" + sessionId + ", client=" + client + "]";
    }
}
