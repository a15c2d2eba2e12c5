package dev.gatehouse.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client application sent to identify itself (RFC 6749 section 2.3): its {@code client_id} as raw text (an
 * id that could never be registered is just another unknown client) and, for a confidential client, its secret.
 * The secret never appears in {@link #toString()}.
 */
public record ClientCredentials(String clientId, Optional<String> secret) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
    }

    /** A public client: an id and no secret. */
    public static ClientCredentials publicClient(String clientId) {
        return new ClientCredentials(clientId, Optional.empty());
    }

    /** A confidential client: an id and its secret. */
    public static ClientCredentials confidential(String clientId, String secret) {
        return new ClientCredentials(clientId, Optional.of(secret));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId.replaceAll("[^\\x21-\\x7E]", "?") + ", secret="
                + (secret.isPresent() ? "redacted" : "none") + "]";
    }
}
