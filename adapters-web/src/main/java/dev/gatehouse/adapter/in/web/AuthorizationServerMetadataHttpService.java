package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.StandardClaims;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata. The endpoints are absolute URLs under
 * {@link DiscoverySettings#publicUrl()} (or, without one, the address the request arrived on, never the
 * client's {@code Host} header, which anyone can set). The revocation endpoint is listed only when it is served.
 * The authorization endpoint (with PKCE S256 and RFC 9207's {@code iss}) is listed only when clients are registered,
 * which the authorization code flow needs; otherwise {@code response_types_supported} is empty. Clients authenticate at the token
 * and revocation endpoints only when client applications are registered ({@code client_secret_basic},
 * {@code client_secret_post}, and {@code none} for public clients), and otherwise not at all ({@code none}). The
 * introspection endpoint (RFC 7662) is listed only when clients are registered: without them nobody may use it.
 *
 * <p>{@code GET /.well-known/openid-configuration}: OpenID Connect Discovery 1.0, the same document (same issuer,
 * endpoints and lists, so the two never disagree) plus what a relying party needs: the userinfo endpoint, the
 * end-session endpoint when served, {@code subject_types_supported}, the algorithms of the published keys that sign ID
 * tokens and the claims they carry. It is served when the authorization code flow is and keys are published (a shared
 * secret cannot sign an ID token a relying party could verify); otherwise 404.
 */
final class AuthorizationServerMetadataHttpService implements RoutedService {

    static final String PATH = "/.well-known/oauth-authorization-server";
    static final String OPENID_PATH = "/.well-known/openid-configuration";
    /** What an ID token and {@code /userinfo} may carry. */
    static final List<String> CLAIMS_SUPPORTED = List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
            "azp", "preferred_username", "name", "email", "email_verified");
    private static final String REVOKE = "/revoke";
    /** OpenID Connect RP-Initiated Logout's endpoint, listed once it is served. */
    static final String END_SESSION = "/authorize/end-session";

    private static final List<String> NO_CLIENT_AUTHENTICATION = List.of("none");
    private static final List<String> CLIENT_AUTHENTICATION =
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    private final DiscoverySettings settings;
    private final boolean revocationServed;
    private final boolean introspectionOpen;
    private final boolean authorizationOpen;
    private final List<String> clientAuthenticationMethods;
    private final PublishedKeysUseCase publishedKeys;
    private final boolean userInfoServed;
    private final boolean endSessionServed;

    AuthorizationServerMetadataHttpService(DiscoverySettings settings, List<Endpoint> served, boolean clientAuthentication,
                                           PublishedKeysUseCase publishedKeys) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.publishedKeys = Objects.requireNonNull(publishedKeys, "publishedKeys");
        this.userInfoServed = served.contains(new Endpoint(Method.GET, UserInfoHttpService.PATH));
        this.endSessionServed = served.contains(new Endpoint(Method.GET, END_SESSION));
        this.revocationServed = served.contains(new Endpoint(Method.POST, REVOKE));
        this.clientAuthenticationMethods = clientAuthentication ? CLIENT_AUTHENTICATION : NO_CLIENT_AUTHENTICATION;
        this.introspectionOpen = clientAuthentication && served.contains(new Endpoint(Method.POST, TokenHttpService.INTROSPECT));
        this.authorizationOpen = clientAuthentication && served.contains(new Endpoint(Method.GET, AuthorizeHttpService.PATH));
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::metadata), Route.get(OPENID_PATH, this::openIdConfiguration));
    }

    private void metadata(ServerRequest request, ServerResponse response) {
        String base = settings.publicUrl().map(Object::toString).orElseGet(() -> localBase(request));
        JsonResponses.send(response, Status.OK_200, common(base).build(),
                HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=" + settings.keySetMaxAge().toSeconds()));
    }

    private void openIdConfiguration(ServerRequest request, ServerResponse response) {
        List<String> algorithms = publishedKeys.publishedKeys().stream().map(key -> key.algorithm().joseName())
                .distinct().sorted().toList();
        if (!authorizationOpen || !userInfoServed || algorithms.isEmpty()) {
            throw HttpProblem.detail(Status.NOT_FOUND_404, "OpenID Connect needs registered clients and published signing "
                    + "keys (GATEHOUSE_CLIENTS, GATEHOUSE_JWT_ALGORITHM)");
        }
        String base = settings.publicUrl().map(Object::toString).orElseGet(() -> localBase(request));
        JsonObjectBuilder configuration = common(base)
                .add("userinfo_endpoint", base + UserInfoHttpService.PATH)
                .add("subject_types_supported", array(List.of("public")))
                .add("id_token_signing_alg_values_supported", array(algorithms))
                .add("response_modes_supported", array(List.of("query")))
                .add("claims_supported", array(CLAIMS_SUPPORTED))
                .add("claims_parameter_supported", false)
                .add("request_parameter_supported", false)
                .add("request_uri_parameter_supported", false);
        if (endSessionServed) {
            configuration.add("end_session_endpoint", base + END_SESSION);
        }
        JsonResponses.send(response, Status.OK_200, configuration.build(),
                HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=" + settings.keySetMaxAge().toSeconds()));
    }

    /** RFC 8414's document, which OpenID Connect Discovery's repeats field for field. */
    private JsonObjectBuilder common(String base) {
        JsonObjectBuilder metadata = JsonCodec.BUILDERS.createObjectBuilder()
                .add("issuer", settings.issuer())
                .add("token_endpoint", base + "/token")
                .add("jwks_uri", base + JwksHttpService.PATH);
        if (revocationServed) {
            metadata.add("revocation_endpoint", base + REVOKE);
            metadata.add("revocation_endpoint_auth_methods_supported", array(clientAuthenticationMethods));
            if (clientAuthenticationMethods.contains("private_key_jwt")) {
                metadata.add("revocation_endpoint_auth_signing_alg_values_supported",
                        array(TokenHttpService.ASSERTION_SIGNING_ALGORITHMS));
            }
        }
        if (introspectionOpen) {
            metadata.add("introspection_endpoint", base + TokenHttpService.INTROSPECT);
            metadata.add("introspection_endpoint_auth_methods_supported", array(TokenHttpService.INTROSPECTION_AUTH_METHODS));
            metadata.add("introspection_endpoint_auth_signing_alg_values_supported",
                    array(TokenHttpService.ASSERTION_SIGNING_ALGORITHMS));
        }
        // A client can only obtain a token about itself, or a code, when clients are registered.
        if (authorizationOpen) {
            metadata.add("authorization_endpoint", base + AuthorizeHttpService.PATH)
                    .add("response_types_supported", array(List.of("code")))
                    .add("code_challenge_methods_supported", array(List.of("S256")))
                    .add("authorization_response_iss_parameter_supported", true)
                    .add("grant_types_supported", array(TokenHttpService.GRANT_TYPES_WITH_CLIENTS));
        } else {
            metadata.add("response_types_supported", JsonCodec.BUILDERS.createArrayBuilder())
                    .add("grant_types_supported", array(TokenHttpService.GRANT_TYPES));
        }
        metadata.add("token_endpoint_auth_methods_supported", array(clientAuthenticationMethods));
        if (clientAuthenticationMethods.contains("private_key_jwt")) {
            metadata.add("token_endpoint_auth_signing_alg_values_supported", array(TokenHttpService.ASSERTION_SIGNING_ALGORITHMS));
        }
        // Where codes are issued, every user may grant OpenID Connect's scopes.
        List<String> scopes = authorizationOpen
                ? java.util.stream.Stream.concat(settings.scopesSupported().stream(),
                        StandardClaims.SCOPES.stream().map(Scope::value)).distinct().sorted().toList()
                : settings.scopesSupported();
        return metadata
                .add("scopes_supported", array(scopes))
                .add("service_documentation", base + "/docs");
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = JsonCodec.BUILDERS.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    /** http://host:port of the local socket the request came in on. */
    private static String localBase(ServerRequest request) {
        String host = request.localPeer().host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + request.localPeer().port();
    }
}
