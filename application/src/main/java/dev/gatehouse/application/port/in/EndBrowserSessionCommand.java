package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A logout request as the browser brought it: the relying party's parameters ({@code id_token_hint}, {@code client_id},
 * {@code post_logout_redirect_uri}, {@code state}), the browser session cookie, the browser's binding value (what the
 * confirmation form's token is bound to, empty when it has none), and the form's token when the person confirmed on
 * Gatehouse's own page.
 */
public record EndBrowserSessionCommand(Optional<String> idTokenHint, Optional<String> clientId,
                                       Optional<String> postLogoutRedirectUri, Optional<String> state,
                                       Optional<String> browserSession, String browserBinding, Optional<String> formToken,
                                       ClientAddress client) {

    public EndBrowserSessionCommand {
        Objects.requireNonNull(idTokenHint, "idTokenHint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(browserSession, "browserSession");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(formToken, "formToken");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "EndBrowserSessionCommand[clientId=" + clientId + ", postLogoutRedirectUri=" + postLogoutRedirectUri
                + ", idTokenHint=" + (idTokenHint.isPresent() ? "redacted" : "none") + ", confirmed=" + formToken.isPresent()
                + "]";
    }
}
