package dev.gatehouse.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of an authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OpenID Connect's
 * {@code nonce}, {@code prompt} and {@code max_age}) as the browser sent them, raw: judging them is the use case's
 * work. A parameter sent more than once is named in {@code repeated} (and its first value given), which makes the
 * request invalid.
 */
public record AuthorizationRequest(Optional<String> responseType, Optional<String> clientId, Optional<String> redirectUri,
                                   Optional<String> scope, Optional<String> state, Optional<String> codeChallenge,
                                   Optional<String> codeChallengeMethod, Optional<String> nonce, Optional<String> prompt,
                                   List<String> repeated, Optional<String> maxAge) {

    /** The parameters this request is read from, in the order a form repeats them. */
    public static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method", "nonce", "prompt", "max_age");

    public AuthorizationRequest {
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(codeChallengeMethod, "codeChallengeMethod");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(prompt, "prompt");
        repeated = List.copyOf(repeated);
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** A request without {@code max_age}. */
    public AuthorizationRequest(Optional<String> responseType, Optional<String> clientId, Optional<String> redirectUri,
                                Optional<String> scope, Optional<String> state, Optional<String> codeChallenge,
                                Optional<String> codeChallengeMethod, Optional<String> nonce, Optional<String> prompt,
                                List<String> repeated) {
        this(responseType, clientId, redirectUri, scope, state, codeChallenge, codeChallengeMethod, nonce, prompt, repeated,
                Optional.empty());
    }

    /** The value of one of {@link #PARAMETERS}, if sent. */
    public Optional<String> parameter(String name) {
        return switch (name) {
            case "response_type" -> responseType;
            case "client_id" -> clientId;
            case "redirect_uri" -> redirectUri;
            case "scope" -> scope;
            case "state" -> state;
            case "code_challenge" -> codeChallenge;
            case "code_challenge_method" -> codeChallengeMethod;
            case "nonce" -> nonce;
            case "prompt" -> prompt;
            case "max_age" -> maxAge;
            default -> throw new IllegalArgumentException("not an authorization request parameter: " + name);
        };
    }

    /**
     * The same request for the sign-in form's second round: it asked for the page, so it asks for no sign-in prompt
     * again; a request that asked for the consent page ({@code prompt=consent}) still does.
     */
    public AuthorizationRequest withoutPrompt() {
        Optional<String> consent = prompt.filter(value -> List.of(value.split(" ")).contains("consent")).map(value -> "consent");
        return new AuthorizationRequest(responseType, clientId, redirectUri, scope, state, codeChallenge, codeChallengeMethod,
                nonce, consent, repeated, maxAge);
    }
}
