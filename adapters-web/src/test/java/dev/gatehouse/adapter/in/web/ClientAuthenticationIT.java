package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /token} and {@code POST /revoke} with client applications registered: HTTP Basic and form credentials,
 * the RFC 6749 section 5.2 answers, the {@code client_id} claim, and the metadata that lists the methods.
 */
@ServerTest
class ClientAuthenticationIT {

    private static final String PASSWORD = "correct horse battery staple";
    /** Has every character RFC 6749 section 2.3.1 makes a client form-urlencode before base64. */
    private static final String SECRET = "s3cr3t:with+plus&colon%and space and more than 32 bytes";
    private static final String INVALID_CLIENT = """
            {"detail":"Invalid client","error":"invalid_client","error_description":"Client authentication failed"}""";
    private static final String UNAUTHORIZED_CLIENT = """
            {"detail":"Unauthorized client","error":"unauthorized_client",
             "error_description":"This client may not use the password grant"}""";
    private static final String BASIC_CHALLENGE = "Basic realm=\"gatehouse\", charset=\"UTF-8\"";
    private static final String LOGIN = "username=johndoe&password=" + encode(PASSWORD);

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    ClientAuthenticationIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GATEHOUSE.clients.register(Client.publicClient(new ClientId("web-app"), true))
                .register(Client.confidential(new ClientId("back:office"), ClientSecretHash.of(SECRET), true))
                .register(Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false));
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withClientAuthentication(true));
    }

    @BeforeEach
    void forgetFailedLogins() {
        GATEHOUSE.forgetFailedLogins();
    }

    @Test
    void a_confidential_client_logs_in_with_http_basic_and_its_token_names_it() {
        Reply reply = token(LOGIN, basic("back:office", SECRET));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(new ClientId("back:office"),
                GATEHOUSE.tokens.verify(reply.json().getString("access_token")).orElseThrow().client().orElseThrow());
        assertEquals("back:office", claims(reply.json().getString("access_token")).getString("client_id"));
    }

    @Test
    void a_confidential_client_logs_in_with_form_fields() {
        Reply reply = token(LOGIN + "&client_id=" + encode("back:office") + "&client_secret=" + encode(SECRET), null);

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void a_public_client_logs_in_with_its_id_alone_in_the_form_or_as_basic_user_name() {
        assertEquals(200, token(LOGIN + "&client_id=web-app", null).status());
        assertEquals(200, token(LOGIN, basic("web-app", "")).status());
        // A client_id field naming the Basic client only identifies it again.
        assertEquals(200, token(LOGIN + "&client_id=" + encode("back:office"), basic("back:office", SECRET)).status());
    }

    @Test
    void refuses_a_missing_unknown_or_unproven_client_with_invalid_client() {
        Reply none = token(LOGIN, null).expect(401, INVALID_CLIENT);
        assertNull(none.header(HeaderNames.WWW_AUTHENTICATE), "no challenge a browser would answer with a password dialog");
        token(LOGIN + "&client_id=stranger", null).expect(401, INVALID_CLIENT);
        token(LOGIN + "&client_id=" + encode("back:office") + "&client_secret=wrong", null).expect(401, INVALID_CLIENT);
        token(LOGIN + "&client_id=" + encode("back:office"), null).expect(401, INVALID_CLIENT);

        for (String authorization : List.of(basic("back:office", "wrong"), basic("stranger", SECRET),
                // Not form-urlencoded: the colon in the id splits it in the wrong place.
                "Basic " + Base64.getEncoder().encodeToString(("back:office:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                "Basic not-base64!", "Basic", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString("%zz:x".getBytes(StandardCharsets.UTF_8)),
                "basic " + Base64.getEncoder().encodeToString(":secret".getBytes(StandardCharsets.UTF_8)),
                "Basic " + "A".repeat(4000))) {
            Reply reply = token(LOGIN, authorization).expect(401, INVALID_CLIENT);
            assertEquals(BASIC_CHALLENGE, reply.header(HeaderNames.WWW_AUTHENTICATE), authorization);
        }
    }

    @Test
    void refuses_the_password_grant_to_a_third_party_client_with_unauthorized_client() {
        token(LOGIN, basic("reporting", SECRET)).expect(400, UNAUTHORIZED_CLIENT);
        // Its credentials are checked first.
        token(LOGIN, basic("reporting", "wrong")).expect(401, INVALID_CLIENT);
    }

    @Test
    void refuses_client_credentials_sent_two_ways() {
        String twoWays = """
                {"detail":"Client credentials must be sent one way only: HTTP Basic or form fields","error":"invalid_request",
                 "error_description":"Client credentials must be sent one way only: HTTP Basic or form fields"}""";
        token(LOGIN + "&client_secret=" + encode(SECRET), basic("back:office", SECRET)).expect(400, twoWays);
        token(LOGIN + "&client_id=web-app", basic("back:office", SECRET)).expect(400, twoWays);
        token(LOGIN + "&client_secret=x", null).expect(400, """
                {"detail":"Parameter client_secret needs client_id","error":"invalid_request",
                 "error_description":"Parameter client_secret needs client_id"}""");
        token(LOGIN + "&client_id=a&client_id=b", null).expect(400, """
                {"detail":"Parameter client_id must not be repeated","error":"invalid_request",
                 "error_description":"Parameter client_id must not be repeated"}""");
    }

    @Test
    void a_refresh_token_works_only_for_its_client_and_keeps_it_in_the_token() {
        Reply login = token(LOGIN + "&client_id=web-app", null);
        String refreshToken = login.json().getString("refresh_token");

        token("grant_type=refresh_token&refresh_token=" + encode(refreshToken), basic("back:office", SECRET))
                .expect(400, SessionRequests.INVALID_REFRESH_TOKEN);
        token("grant_type=refresh_token&refresh_token=" + encode(refreshToken), null).expect(401, INVALID_CLIENT);
        Reply refreshed = token("grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id=web-app", null);

        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals("web-app", claims(refreshed.json().getString("access_token")).getString("client_id"));
    }

    @Test
    void revocation_needs_the_client_and_revokes_only_its_tokens() {
        String refreshToken = token(LOGIN + "&client_id=web-app", null).json().getString("refresh_token");

        Reply unknown = Reply.of(revoke("token=" + encode(refreshToken), basic("back:office", "wrong"))).expect(401, INVALID_CLIENT);
        assertEquals(BASIC_CHALLENGE, unknown.header(HeaderNames.WWW_AUTHENTICATE));
        Reply.of(revoke("token=" + encode(refreshToken), null)).expect(401, INVALID_CLIENT);
        assertEquals(200, Reply.empty(revoke("token=" + encode(refreshToken), basic("back:office", SECRET))).status());
        assertEquals(200, token("grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id=web-app", null)
                .status(), "another client's revocation left the session alone");

        String next = token(LOGIN + "&client_id=web-app", null).json().getString("refresh_token");
        assertEquals(200, Reply.empty(revoke("token=" + encode(next) + "&client_id=web-app", null)).status());
        token("grant_type=refresh_token&refresh_token=" + encode(next) + "&client_id=web-app", null)
                .expect(400, SessionRequests.INVALID_REFRESH_TOKEN);
    }

    @Test
    void the_metadata_lists_the_client_authentication_methods() {
        JsonObject metadata = Reply.of(client.get(AuthorizationServerMetadataHttpService.PATH).request()).json();

        List<String> methods = List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
        assertEquals(methods, metadata.getJsonArray("token_endpoint_auth_methods_supported").getValuesAs(JsonString::getString));
        assertEquals(methods, metadata.getJsonArray("revocation_endpoint_auth_methods_supported").getValuesAs(JsonString::getString));
    }

    @Test
    void never_answers_client_trouble_with_a_server_error() {
        for (String authorization : List.of("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'}),
                "Basic =", "Basic ====", "Bearer abc", "Basic " + Base64.getEncoder().encodeToString(
                        ("c".repeat(65) + ":x").getBytes(StandardCharsets.UTF_8)))) {
            Reply reply = token(LOGIN, authorization);
            assertTrue(reply.status() >= 400 && reply.status() < 500, () -> authorization + ": " + reply);
        }
    }

    private Reply token(String form, String authorization) {
        var request = client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return Reply.of(request.submit(form));
    }

    private io.helidon.webclient.api.HttpClientResponse revoke(String form, String authorization) {
        var request = client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return request.submit(form);
    }

    /** RFC 6749 section 2.3.1: id and secret are form-urlencoded, then joined by a colon and base64-encoded. */
    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject claims(String jwt) {
        return jakarta.json.Json.createReader(new java.io.StringReader(new String(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8))).readObject();
    }
}
