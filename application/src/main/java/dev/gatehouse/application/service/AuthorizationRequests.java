package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.PkceChallenge;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges an authorization request (RFC 6749 section 4.1.1, RFC 7636, RFC 9700 section 2.1.1), in the order RFC 6749
 * section 4.1.2.1 asks: first the client and the redirect URI, whose failures are shown on a page and never
 * redirected (an open redirector otherwise), then everything else, which goes back to the client's redirect URI.
 * Shared by the arrival at the endpoint and the sign-in form's return, which judge the same request twice.
 */
final class AuthorizationRequests {

    /** What the client asked about signing in again ({@code prompt}, OpenID Connect Core section 3.1.2.1). */
    enum Prompt { DEFAULT, NONE, LOGIN }

    /** The verdict on one request. */
    sealed interface Judged {
    }

    /**
     * A request that may go on, with its values parsed; {@code askConsent}: the client asked for the consent page even
     * where the person allowed it everything already ({@code prompt=consent}).
     */
    record Valid(Client client, String redirectUri, PkceChallenge challenge, Set<Scope> scopes, Optional<String> state,
                 Optional<String> nonce, Prompt prompt, Optional<java.time.Duration> maxAge, boolean askConsent)
            implements Judged {
    }

    /** A request that may not. */
    record Invalid(AuthorizationError error) implements Judged {
    }

    /** Far beyond what a client sends as {@code state}; bounds what is echoed back. */
    static final int MAX_STATE_CHARS = 1024;

    private final ClientRegistry clients;

    AuthorizationRequests(ClientRegistry clients) {
        this.clients = clients;
    }

    Judged judge(AuthorizationRequest request) {
        if (!clients.anyRegistered()) {
            return new Invalid(new AuthorizationError.ClientsNotRegistered());
        }
        Optional<Client> client = request.repeated().contains("client_id") ? Optional.empty()
                : request.clientId().flatMap(ClientId::parse).flatMap(clients::find);
        if (client.isEmpty()) {
            return new Invalid(new AuthorizationError.InvalidClient());
        }
        // Exact match against the registration (a loopback one on any port): never a prefix, never a pattern.
        Optional<String> redirectUri = request.repeated().contains("redirect_uri") ? Optional.empty()
                : request.redirectUri().filter(uri -> RedirectUri.parse(uri).filter(client.get()::redirects).isPresent());
        if (redirectUri.isEmpty()) {
            return new Invalid(new AuthorizationError.InvalidRedirectUri());
        }
        // From here on the browser may safely go back to the client, with the state it sent, unless that is unusable.
        Optional<String> state = request.state().filter(value -> !value.isEmpty() && value.length() <= MAX_STATE_CHARS);
        Redirect back = new Redirect(redirectUri.get(), state);
        if (request.state().filter(value -> value.length() > MAX_STATE_CHARS).isPresent()) {
            return back.error("invalid_request", "state is longer than " + MAX_STATE_CHARS + " characters");
        }
        if (!request.repeated().isEmpty()) {
            return back.error("invalid_request", "Parameter " + request.repeated().getFirst() + " must not be repeated");
        }
        if (!request.responseType().equals(Optional.of("code"))) {
            return request.responseType().isEmpty()
                    ? back.error("invalid_request", "Parameter response_type is required")
                    : back.error("unsupported_response_type", "Only response_type=code is supported");
        }
        if (!client.get().mayUse(GrantType.AUTHORIZATION_CODE)) {
            return back.error("unauthorized_client", "This client may not use the authorization code flow");
        }
        if (!request.codeChallengeMethod().equals(Optional.of("S256"))) {
            return back.error("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256 (plain is not accepted)");
        }
        Optional<PkceChallenge> challenge = request.codeChallenge().flatMap(PkceChallenge::parse);
        if (challenge.isEmpty()) {
            return back.error("invalid_request", "code_challenge must be the 43-character base64url SHA-256 of the code verifier");
        }
        Set<Scope> scopes;
        try {
            scopes = Scope.parseList(request.scope().orElse(null));
        } catch (IllegalArgumentException invalid) {
            return back.error("invalid_scope", invalid.getMessage());
        }
        Optional<String> nonce = request.nonce().filter(value -> !value.isEmpty());
        if (nonce.filter(value -> value.length() > dev.gatehouse.domain.AuthorizationCode.MAX_NONCE_CHARS).isPresent()) {
            return back.error("invalid_request", "nonce is longer than " + dev.gatehouse.domain.AuthorizationCode.MAX_NONCE_CHARS
                    + " characters");
        }
        // A space-separated list (OpenID Connect Core section 3.1.2.1): none alone, or login and consent in any order.
        List<String> prompts = request.prompt().filter(value -> !value.isEmpty()).map(value -> List.of(value.split(" ", -1)))
                .orElse(List.of());
        if (!Set.of("none", "login", "consent").containsAll(prompts) || Set.copyOf(prompts).size() != prompts.size()
                || prompts.contains("none") && prompts.size() > 1) {
            return back.error("invalid_request", "prompt must be none, login, consent, or login and consent");
        }
        Prompt prompt = prompts.contains("none") ? Prompt.NONE : prompts.contains("login") ? Prompt.LOGIN : Prompt.DEFAULT;
        boolean askConsent = prompts.contains("consent");
        // OpenID Connect Core section 3.1.2.1: the longest time in seconds since the person last typed their password.
        Optional<java.time.Duration> maxAge = Optional.empty();
        if (request.maxAge().isPresent()) {
            if (!request.maxAge().get().matches("[0-9]{1,9}")) {
                return back.error("invalid_request", "max_age must be a number of seconds (0 to 999999999)");
            }
            maxAge = Optional.of(java.time.Duration.ofSeconds(Long.parseLong(request.maxAge().get())));
        }
        return new Valid(client.get(), redirectUri.get(), challenge.get(), scopes, state, nonce, prompt, maxAge, askConsent);
    }

    /** The client's redirect URI and state, where a request's error goes once both are known to be safe. */
    record Redirect(String redirectUri, Optional<String> state) {

        Invalid error(String error, String description) {
            return new Invalid(new AuthorizationError.Redirected(redirectUri, error, description, state));
        }
    }
}
