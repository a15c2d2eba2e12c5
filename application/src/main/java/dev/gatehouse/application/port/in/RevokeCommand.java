package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/** A token to revoke, with the client's hint of its type ({@code refresh_token} or {@code access_token}), if any. */
public record RevokeCommand(String token, Optional<String> tokenTypeHint, ClientAddress client) {

    public RevokeCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenTypeHint, "tokenTypeHint");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "RevokeCommand[token=redacted, hint=" + tokenTypeHint + ", client=" + client + "]";
    }
}
