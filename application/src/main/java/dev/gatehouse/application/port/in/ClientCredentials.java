package dev.gatehouse.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client application sent to identify itself (RFC 6749 section 2.3): its {@code client_id} as raw text (an
 * id that could never be registered is just another unknown client) and, for a confidential client, its secret or
 * a signed assertion ({@code private_key_jwt}, RFC 7523; the id may then be empty, the assertion naming the client).
 * Neither the secret nor the assertion appears in {@link #toString()}.
 */
public record ClientCredentials(String clientId, Optional<String> secret, Optional<String> assertion) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(assertion, "assertion");
        if (secret.isPresent() && assertion.isPresent()) {
            throw new IllegalArgumentException("a client authenticates with one method: a secret or an assertion");
        }
    }

    /** An id, and a secret or none. */
    public ClientCredentials(String clientId, Optional<String> secret) {
        this(clientId, secret, Optional.empty());
    }

    /** A public client: an id and no secret. */
    public static ClientCredentials publicClient(String clientId) {
        return new ClientCredentials(clientId, Optional.empty());
    }

    /** A confidential client: an id and its secret. */
    public static ClientCredentials confidential(String clientId, String secret) {
        return new ClientCredentials(clientId, Optional.of(secret));
    }

    /** A confidential client with a signed assertion; {@code clientId} is empty when the request did not name it. */
    public static ClientCredentials assertion(String clientId, String assertion) {
        return new ClientCredentials(clientId, Optional.empty(), Optional.of(assertion));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId.replaceAll("[^\\x21-\\x7E]", "?") + ", secret="
                + (secret.isPresent() ? "redacted" : "none") + (assertion.isPresent() ? ", assertion=redacted" : "") + "]";
    }
}
