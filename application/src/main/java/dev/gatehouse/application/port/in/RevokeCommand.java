package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A token to revoke, with the client's hint of its type ({@code refresh_token} or {@code access_token}), if any.
 * {@code clientCredentials} are the client application's, if it sent any; they count only when clients are
 * registered.
 */
public record RevokeCommand(String token, Optional<String> tokenTypeHint, ClientAddress client,
                            Optional<ClientCredentials> clientCredentials) {

    public RevokeCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenTypeHint, "tokenTypeHint");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
    }

    /** A revocation that names no client application. */
    public RevokeCommand(String token, Optional<String> tokenTypeHint, ClientAddress client) {
        this(token, tokenTypeHint, client, Optional.empty());
    }

    @Override
    public String toString() {
        return "RevokeCommand[token=redacted, hint=" + tokenTypeHint + ", client=" + client
                + clientCredentials.map(credentials -> ", " + credentials).orElse("") + "]";
    }
}
