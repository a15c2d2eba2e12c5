package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A refresh request. {@code requestedScopes}, when present, may only narrow the session's scopes
 * (RFC 6749 section 6); absent means all of them. {@code clientCredentials} are the client application's, if it
 * sent any; they count only when clients are registered. {@code resource} (RFC 8707), when present, must be the
 * session's resource server, or, for a session started for none, one the client may obtain tokens for.
 */
public record RefreshCommand(String refreshToken, Optional<Set<Scope>> requestedScopes, ClientAddress client,
                             Optional<ClientCredentials> clientCredentials, Optional<Audience> resource) {

    public RefreshCommand {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(resource, "resource");
        requestedScopes = requestedScopes.map(Set::copyOf);
    }

    /** A refresh for the session's resource server, if it has one. */
    public RefreshCommand(String refreshToken, Optional<Set<Scope>> requestedScopes, ClientAddress client,
                          Optional<ClientCredentials> clientCredentials) {
        this(refreshToken, requestedScopes, client, clientCredentials, Optional.empty());
    }

    /** A refresh that names no client application. */
    public RefreshCommand(String refreshToken, Optional<Set<Scope>> requestedScopes, ClientAddress client) {
        this(refreshToken, requestedScopes, client, Optional.empty());
    }

    @Override
    public String toString() {
        return "RefreshCommand[refreshToken=redacted, scopes=" + requestedScopes + ", client=" + client
                + clientCredentials.map(credentials -> ", " + credentials).orElse("") + "]";
    }
}
