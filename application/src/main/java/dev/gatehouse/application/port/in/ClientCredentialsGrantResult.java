package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Scope;
import java.util.Set;

/** Every way a client credentials grant can end; callers switch over it exhaustively. */
public sealed interface ClientCredentialsGrantResult {

    /** A token about the client, with no refresh token (RFC 6749 section 4.4.3): the client asks again. */
    record Issued(AccessToken accessToken) implements ClientCredentialsGrantResult {
    }

    /**
     * No client is registered, or this request's client is unknown or did not prove itself: RFC 6749's
     * {@code invalid_client}.
     */
    record InvalidClient() implements ClientCredentialsGrantResult {
    }

    /** The client proved itself but may not use this grant (a public client, or one not registered for it). */
    record UnauthorizedClient() implements ClientCredentialsGrantResult {
    }

    /** Scopes the client is not registered for were asked: RFC 6749's {@code invalid_scope}. Nothing was issued. */
    record InvalidScope(Set<Scope> refused) implements ClientCredentialsGrantResult {

        public InvalidScope {
            refused = Set.copyOf(refused);
        }
    }

    /**
     * The resource server asked for ({@code resource}, RFC 8707) is not one the client may obtain tokens for, or, at a
     * refresh, not the one the session was started for: RFC 8707's {@code invalid_target}. Nothing was issued.
     */
    record InvalidTarget() implements ClientCredentialsGrantResult {
    }
}
