package dev.gatehouse.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** Every way a logout request can end; callers switch over it exhaustively. */
public sealed interface EndBrowserSessionResult {

    /**
     * Logged out (or nobody was signed in here): the browser's session cookie should go, and the browser to
     * {@code returnTo} (a page registered for the client, with its {@code state}) when there is one, else to a page
     * saying so.
     */
    record LoggedOut(Optional<String> returnTo) implements EndBrowserSessionResult {

        public LoggedOut {
            Objects.requireNonNull(returnTo, "returnTo");
        }
    }

    /**
     * Someone is signed in, but nothing proves that the person wants out (no valid {@code id_token_hint} for this
     * session): ask them on a page, whose form sends back these parameters and {@code formToken}.
     */
    record ConfirmationRequired(String username, Optional<String> clientId, Optional<String> postLogoutRedirectUri,
                                Optional<String> state, String formToken) implements EndBrowserSessionResult {

        public ConfirmationRequired {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(formToken, "formToken");
        }
    }

    /** The request cannot be trusted; nothing was ended and the browser is sent nowhere: show {@code reason}. */
    record Refused(Reason reason) implements EndBrowserSessionResult {

        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a logout request was refused. */
    enum Reason {
        /** The {@code id_token_hint} is not an ID token this server signed. */
        INVALID_ID_TOKEN_HINT,
        /** The {@code client_id} is not a registered client, or not the one the hint was issued to. */
        UNKNOWN_CLIENT,
        /** The {@code post_logout_redirect_uri} is not registered for the client (or no client was named). */
        UNREGISTERED_POST_LOGOUT_REDIRECT_URI,
        /** The confirmation form came back without its token, from another browser, or too late. */
        FORM_REJECTED
    }
}
