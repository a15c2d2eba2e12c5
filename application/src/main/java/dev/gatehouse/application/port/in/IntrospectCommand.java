package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A token a resource server asks about (RFC 7662 section 2.1), with its hint of the token's type
 * ({@code access_token} or {@code refresh_token}), if any, and the resource server's own credentials, which it must
 * send. Neither the token nor the secret appears in {@link #toString()}.
 */
public record IntrospectCommand(String token, Optional<String> tokenTypeHint, ClientAddress client,
                                Optional<ClientCredentials> clientCredentials) {

    public IntrospectCommand {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenTypeHint, "tokenTypeHint");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
    }

    @Override
    public String toString() {
        return "IntrospectCommand[token=redacted, hint=" + tokenTypeHint + ", client=" + client
                + clientCredentials.map(credentials -> ", " + credentials).orElse("") + "]";
    }
}
