package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Scope;
import java.util.List;
import java.util.Objects;

/**
 * What the consent page needs to ask a signed-in person whether a third-party client may act for them: the pending
 * request to send back unchanged, the client's name, who is signed in ({@code username}), the scopes it asks for that the person has not allowed it yet
 * ({@code newScopes}) and those they allowed before ({@code grantedScopes}), and the form token that binds the answer to
 * this browser, this person and exactly this request (it must come back with the form). The token never appears in
 * {@link #toString()}.
 */
public record ConsentForm(AuthorizationRequest request, String clientName, String username, List<Scope> newScopes,
                          List<Scope> grantedScopes, String formToken) {

    public ConsentForm {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(username, "username");
        newScopes = List.copyOf(newScopes);
        grantedScopes = List.copyOf(grantedScopes);
        Objects.requireNonNull(formToken, "formToken");
    }

    @Override
    public String toString() {
        return "ConsentForm[client=" + clientName + ", newScopes=" + newScopes + ", formToken=redacted]";
    }
}
