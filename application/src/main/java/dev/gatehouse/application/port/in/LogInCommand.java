package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import java.util.Objects;
import java.util.Set;

/**
 * A login attempt. The username stays raw text: a name that could never be registered is just another
 * unknown user, answered like any other failure.
 */
public record LogInCommand(String username, PlainPassword password, Set<Scope> requestedScopes) {

    public LogInCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        requestedScopes = Set.copyOf(requestedScopes);
    }
}
