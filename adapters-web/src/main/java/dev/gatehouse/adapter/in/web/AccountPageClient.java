package dev.gatehouse.adapter.in.web;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.RedirectUri;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The account page as a client of Gatehouse's own sign-in page, as Keycloak's account console is a client of its realm:
 * a first-party public client that signs the person in through {@code /authorize} (with PKCE, and whatever second step
 * the sign-in page asks for) and comes back to {@code /account/callback} on this server's public URL. Bootstrap registers
 * it beside the configured clients, only when sign-in for applications is on (clients are registered) and the public
 * URL is known.
 */
public final class AccountPageClient {

    /** The client id the account page signs in as. */
    public static final String ID = "gatehouse-account";

    private AccountPageClient() {
    }

    /** The registration of the account page for a server reached at {@code publicUrl}. */
    public static Client registration(URI publicUrl) {
        return new Client(new ClientId(ID), Client.Type.PUBLIC, Optional.empty(), true, false,
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), Optional.empty(), List.of(),
                List.of(RedirectUri.parse(callback(publicUrl)).orElseThrow(
                        () -> new IllegalArgumentException("the public URL makes no redirect URI: " + publicUrl))),
                Optional.empty());
    }

    /** Where the sign-in page sends the person back to, with the code. */
    static String callback(URI publicUrl) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + AccountHttpService.CALLBACK;
    }
}
