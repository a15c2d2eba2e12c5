package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A browser arriving at the authorization endpoint: the request's parameters, the browser session cookie it sent
 * (if any), and {@code browserBinding}, an unguessable value the browser keeps in a cookie of its own, to which the
 * sign-in form's token is bound (so a form token taken from one browser is worthless in another).
 */
public record StartAuthorizationCommand(AuthorizationRequest request, Optional<String> browserSession, String browserBinding,
                                        ClientAddress client) {

    public StartAuthorizationCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(browserSession, "browserSession");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "StartAuthorizationCommand[client=" + client + ", browserSession=" + (browserSession.isPresent() ? "sent" : "none") + "]";
    }
}
