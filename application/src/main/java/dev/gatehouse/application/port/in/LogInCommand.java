package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A login attempt. The username stays raw text: a name that could never be registered is just another
 * unknown user, answered like any other failure. {@code knownDevice} is the device credential a client got
 * from an earlier successful login, if it sends one.
 */
public record LogInCommand(String username, PlainPassword password, Set<Scope> requestedScopes,
                           ClientAddress client, Optional<String> knownDevice) {

    public LogInCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(knownDevice, "knownDevice");
        // In the order asked, so the granted scopes come back in that order too.
        requestedScopes = Collections.unmodifiableSet(new LinkedHashSet<>(requestedScopes));
    }

    @Override
    public String toString() {
        return "LogInCommand[username=" + username + ", scopes=" + requestedScopes + ", client=" + client + "]";
    }
}
