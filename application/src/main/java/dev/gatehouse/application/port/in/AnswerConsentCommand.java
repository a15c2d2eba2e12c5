package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The consent form sent back: the pending authorization request it carried, its form token, the browser's binding
 * cookie and session cookie (who is answering), whether the person allowed the client ({@code allowed}) or refused,
 * and where they are.
 */
public record AnswerConsentCommand(AuthorizationRequest request, String formToken, String browserBinding,
                                   Optional<String> browserSession, boolean allowed, ClientAddress client) {

    public AnswerConsentCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(formToken, "formToken");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(browserSession, "browserSession");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "AnswerConsentCommand[allowed=" + allowed + ", client=" + client + "]";
    }
}
