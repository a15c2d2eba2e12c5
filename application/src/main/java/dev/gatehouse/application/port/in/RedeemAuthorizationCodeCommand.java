package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization code brought to the token endpoint (RFC 6749 section 4.1.3, RFC 7636 section 4.5): the code, the
 * redirect URI it was requested with, the PKCE verifier, and the client's credentials (a public client sends its
 * {@code client_id} alone). Code and verifier are redacted in {@link #toString()}.
 */
public record RedeemAuthorizationCodeCommand(String code, String redirectUri, String codeVerifier, ClientAddress client,
                                             Optional<ClientCredentials> clientCredentials) {

    public RedeemAuthorizationCodeCommand {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
    }

    @Override
    public String toString() {
        return "RedeemAuthorizationCodeCommand[redirectUri=" + redirectUri + ", client=" + client
                + clientCredentials.map(credentials -> ", " + credentials).orElse("") + "]";
    }
}
