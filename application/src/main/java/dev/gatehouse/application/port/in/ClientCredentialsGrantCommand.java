package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request for a token about the client itself: the scopes asked for (empty when the request has no
 * {@code scope}: then every scope the client is registered for), where the request came from, and the client's
 * credentials (a secret or a signed assertion), and the resource server the token is for (RFC 8707), if any.
 */
public record ClientCredentialsGrantCommand(Optional<Set<Scope>> requestedScopes, ClientAddress client,
                                            Optional<ClientCredentials> clientCredentials, Optional<Audience> resource) {

    public ClientCredentialsGrantCommand {
        requestedScopes = Objects.requireNonNull(requestedScopes, "requestedScopes").map(Set::copyOf);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(resource, "resource");
    }

    /** A request for no resource server in particular. */
    public ClientCredentialsGrantCommand(Optional<Set<Scope>> requestedScopes, ClientAddress client,
                                         Optional<ClientCredentials> clientCredentials) {
        this(requestedScopes, client, clientCredentials, Optional.empty());
    }
}
