package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A refresh request. {@code requestedScopes}, when present, may only narrow the session's scopes
 * (RFC 6749 section 6); absent means all of them.
 */
public record RefreshCommand(String refreshToken, Optional<Set<Scope>> requestedScopes, ClientAddress client) {

    public RefreshCommand {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(client, "client");
        requestedScopes = requestedScopes.map(Set::copyOf);
    }

    @Override
    public String toString() {
        return "RefreshCommand[refreshToken=redacted, scopes=" + requestedScopes + ", client=" + client + "]";
    }
}
