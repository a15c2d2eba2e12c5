package dev.gatehouse.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an authorization request cannot go on (RFC 6749 section 4.1.2.1). The first three are shown to the person on
 * a page, never redirected: the request names no client or redirect URI that can be trusted, so sending the browser
 * there would make Gatehouse an open redirector. The last is sent back to the client's redirect URI.
 */
public sealed interface AuthorizationError {

    /** No client application is registered: the authorization code flow needs registered clients and redirect URIs. */
    record ClientsNotRegistered() implements AuthorizationError {
    }

    /** The {@code client_id} is missing, repeated, or names no registered client. */
    record InvalidClient() implements AuthorizationError {
    }

    /** The {@code redirect_uri} is missing, repeated, or not one registered for the client. */
    record InvalidRedirectUri() implements AuthorizationError {
    }

    /**
     * Anything else: the browser goes back to {@code redirectUri} with RFC 6749's {@code error} code, a description
     * for the client's developer, and the request's {@code state}.
     */
    record Redirected(String redirectUri, String error, String description, Optional<String> state)
            implements AuthorizationError {

        public Redirected {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(state, "state");
        }
    }
}
