package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A login attempt. The username stays raw text: a name that could never be registered is just another
 * unknown user, answered like any other failure. {@code knownDevice} is the device credential a client got
 * from an earlier successful login, if it sends one. {@code clientCredentials} are the client application's, if
 * it sent any; they count only when clients are registered. {@code resource} is the resource server the tokens are
 * asked for (RFC 8707), if any.
 */
public record LogInCommand(String username, PlainPassword password, Set<Scope> requestedScopes,
                           ClientAddress client, Optional<String> knownDevice,
                           Optional<ClientCredentials> clientCredentials, Optional<Audience> resource) {

    public LogInCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(knownDevice, "knownDevice");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(resource, "resource");
        requestedScopes = Set.copyOf(requestedScopes);
    }

    /** A login for no resource server in particular. */
    public LogInCommand(String username, PlainPassword password, Set<Scope> requestedScopes, ClientAddress client,
                        Optional<String> knownDevice, Optional<ClientCredentials> clientCredentials) {
        this(username, password, requestedScopes, client, knownDevice, clientCredentials, Optional.empty());
    }

    /** A login that names no client application, as the tutorial's clients send it. */
    public LogInCommand(String username, PlainPassword password, Set<Scope> requestedScopes, ClientAddress client,
                        Optional<String> knownDevice) {
        this(username, password, requestedScopes, client, knownDevice, Optional.empty());
    }

    @Override
    public String toString() {
        return "LogInCommand[username=" + username + ", scopes=" + requestedScopes + ", client=" + client
                + clientCredentials.map(credentials -> ", " + credentials).orElse("") + "]";
    }
}
