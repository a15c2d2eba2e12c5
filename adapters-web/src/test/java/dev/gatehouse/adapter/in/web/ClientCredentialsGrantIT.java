package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.testing.InMemoryClientAssertions;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.Scope;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code grant_type=client_credentials} at {@code POST /token} (RFC 6749 section 4.4), client authentication by
 * secret or by assertion ({@code private_key_jwt}) at {@code /token}, {@code /revoke} and {@code /introspect}, and
 * what a client's token can and cannot do.
 */
@ServerTest
class ClientCredentialsGrantIT {

    private static final String SECRET = "reporting-secret-of-at-least-thirty-two-bytes";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String GRANT = "grant_type=client_credentials";
    private static final String INVALID_CLIENT = """
            {"detail":"Invalid client","error":"invalid_client","error_description":"Client authentication failed"}""";
    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String API_A = "https://a.example.com";
    private static final String INVALID_TARGET = """
            {"detail":"Invalid target","error":"invalid_target",
             "error_description":"The client may not obtain tokens for this resource"}""";

    private final Http1Client client;

    ClientCredentialsGrantIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("jane", PASSWORD, null, null);
        GATEHOUSE.clients.register(Client.publicClient(new ClientId("web-app"), true).withAudiences(List.of(new Audience(API_A))))
                .register(Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false)
                        .withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).withAudiences(List.of(new Audience(API_A)))
                        .withScopes(Set.of(new Scope("reports:read"), new Scope("reports:write"))))
                .register(Client.confidential(new ClientId("back-office"), ClientSecretHash.of(SECRET), true))
                .register(Client.confidential(new ClientId("batch"), InMemoryClientAssertions.keys("batch-key"), false)
                        .withGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS)).allowedToIntrospect());
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withClientAuthentication(true));
    }

    @Test
    void a_confidential_client_gets_a_token_about_itself_with_basic_and_with_form_fields_and_no_refresh_token() {
        for (Reply reply : List.of(token(GRANT, basic("reporting", SECRET)),
                token(GRANT + "&client_id=reporting&client_secret=" + encode(SECRET), null))) {
            assertEquals(200, reply.status(), reply::toString);
            JsonObject json = reply.json();
            assertEquals("bearer", json.getString("token_type"));
            assertEquals("reports:read reports:write", json.getString("scope"));
            assertFalse(json.containsKey("refresh_token"), json::toString);
            JsonObject claims = claims(json.getString("access_token"));
            assertEquals("reporting", claims.getString("sub"));
            assertEquals("reporting", claims.getString("client_id"));
            assertFalse(claims.containsKey("uid"), "no user behind it");
            assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        }
    }

    @Test
    void narrows_to_the_scopes_asked_and_refuses_scopes_beyond_the_registration_with_invalid_scope() {
        assertEquals("reports:read", token(GRANT + "&scope=reports:read", basic("reporting", SECRET)).json().getString("scope"));
        token(GRANT + "&scope=" + encode("reports:read admin"), basic("reporting", SECRET)).expect(400, """
                {"detail":"Invalid scope","error":"invalid_scope","error_description":"The client may not obtain the scope admin"}""");
    }

    @Test
    void refuses_clients_not_registered_for_the_grant_with_unauthorized_client_and_bad_credentials_with_invalid_client() {
        String unauthorized = """
                {"detail":"Unauthorized client","error":"unauthorized_client",
                 "error_description":"This client may not use the client credentials grant"}""";
        token(GRANT, basic("back-office", SECRET)).expect(400, unauthorized);
        token(GRANT + "&client_id=web-app", null).expect(400, unauthorized);
        token(GRANT, basic("reporting", "wrong")).expect(401, INVALID_CLIENT);
        token(GRANT, null).expect(401, INVALID_CLIENT);
    }

    @Test
    void a_client_token_is_refused_where_a_user_is_needed_and_introspects_as_the_clients() {
        String token = token(GRANT, basic("reporting", SECRET)).json().getString("access_token");

        SessionRequests.me(client, token).expect(401, SessionRequests.INVALID_CREDENTIALS);
        Reply introspection = introspect(token);
        assertEquals(200, introspection.status(), introspection::toString);
        JsonObject json = introspection.json();
        assertTrue(json.getBoolean("active"));
        assertEquals("reporting", json.getString("sub"));
        assertEquals("reporting", json.getString("client_id"));
        assertEquals("Bearer", json.getString("token_type"));
        assertEquals("reports:read reports:write", json.getString("scope"));
        assertFalse(json.containsKey("username"), json::toString);

        // Its client revokes it; then it is no longer active.
        assertEquals(200, Reply.empty(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM)
                .header(HeaderNames.AUTHORIZATION, basic("reporting", SECRET)).submit("token=" + encode(token))).status());
        assertEquals("{\"active\":false}", introspect(token).json().toString());
    }

    @Test
    void a_client_authenticates_with_a_signed_assertion_once() {
        String assertion = assertion("batch", "batch-key");
        String form = GRANT + "&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion=" + encode(assertion);

        Reply first = token(form, null);
        assertEquals(200, first.status(), first::toString);
        assertEquals("batch", claims(first.json().getString("access_token")).getString("sub"));
        token(form, null).expect(401, INVALID_CLIENT);
        assertEquals(200, token(GRANT + "&client_id=batch&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion="
                + encode(assertion("batch", "batch-key")), null).status());
    }

    @Test
    void refuses_an_assertion_of_another_key_type_or_client_and_one_sent_beside_a_secret() {
        token(GRANT + "&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion=" + encode(assertion("batch", "other-key")),
                null).expect(401, INVALID_CLIENT);
        token(GRANT + "&client_assertion_type=urn:example:saml&client_assertion=" + encode(assertion("batch", "batch-key")), null)
                .expect(401, INVALID_CLIENT);
        token(GRANT + "&client_id=reporting&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion="
                + encode(assertion("batch", "batch-key")), null).expect(401, INVALID_CLIENT);
        String oneWay = "Client credentials must be sent one way only: a client assertion, HTTP Basic or form fields";
        token(GRANT + "&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion=" + encode(assertion("batch", "batch-key")),
                basic("reporting", SECRET)).expect(400, "{\"detail\":\"" + oneWay + "\",\"error\":\"invalid_request\","
                + "\"error_description\":\"" + oneWay + "\"}");
        String together = "Parameters client_assertion and client_assertion_type go together";
        token(GRANT + "&client_assertion=" + encode(assertion("batch", "batch-key")), null).expect(400, "{\"detail\":\"" + together
                + "\",\"error\":\"invalid_request\",\"error_description\":\"" + together + "\"}");
    }

    @Test
    void of_parallel_requests_with_one_assertion_exactly_one_gets_a_token() throws Exception {
        String form = GRANT + "&client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion=" + encode(assertion("batch", "batch-key"));
        int threads = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return token(form, null).status();
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get());
            }
            assertEquals(1, seen.stream().filter(status -> status == 200).count(), seen::toString);
            assertEquals(threads - 1, seen.stream().filter(status -> status == 401).count(), seen::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_resource_indicator_names_the_tokens_audience_when_the_client_may_address_it_and_is_invalid_target_otherwise() {
        String login = "username=jane&password=" + encode(PASSWORD) + "&client_id=web-app";
        Reply forA = token(login + "&resource=" + encode(API_A), null);
        assertEquals(200, forA.status(), forA::toString);
        assertTrue(claims(forA.json().getString("access_token")).getJsonArray("aud").getValuesAs(JsonString::getString).contains(API_A));
        JsonObject introspection = introspect(forA.json().getString("access_token")).json();
        assertTrue(introspection.getJsonArray("aud").getValuesAs(JsonString::getString).contains(API_A), introspection::toString);

        token(login + "&resource=" + encode("https://b.example.com"), null).expect(400, INVALID_TARGET);
        token(login + "&resource=" + encode("not an audience"), null).expect(400, INVALID_TARGET);
        token(login + "&resource=" + encode(API_A) + "&resource=" + encode(API_A), null).expect(400, """
                {"detail":"Invalid target","error":"invalid_target","error_description":"Ask for one resource per request"}""");
        token(GRANT + "&resource=" + encode("https://b.example.com"), basic("reporting", SECRET)).expect(400, INVALID_TARGET);
        Reply clientToken = token(GRANT + "&resource=" + encode(API_A), basic("reporting", SECRET));
        assertEquals(200, clientToken.status(), clientToken::toString);

        // A refresh may name the session's resource again, never another.
        String refreshToken = forA.json().getString("refresh_token");
        token("grant_type=refresh_token&client_id=web-app&refresh_token=" + encode(refreshToken) + "&resource="
                + encode("https://b.example.com"), null).expect(400, INVALID_TARGET);
    }

    @Test
    void an_unknown_grant_is_still_unsupported() {
        token("grant_type=urn:ietf:params:oauth:grant-type:device_code", basic("reporting", SECRET)).expect(400, """
                {"detail":"Unsupported grant type","error":"unsupported_grant_type",
                 "error_description":"Only the password, refresh_token, client_credentials, authorization_code and urn:gatehouse:params:oauth:grant-type:mfa-otp grants are supported"}""");
    }

    @Test
    void the_metadata_lists_the_grant_and_private_key_jwt_with_its_algorithms() {
        JsonObject metadata = Reply.of(client.get(AuthorizationServerMetadataHttpService.PATH).request()).json();

        assertEquals(List.of("password", "refresh_token", "client_credentials", "authorization_code",
                        "urn:gatehouse:params:oauth:grant-type:mfa-otp"),
                metadata.getJsonArray("grant_types_supported").getValuesAs(JsonString::getString));
        assertTrue(metadata.getJsonArray("token_endpoint_auth_methods_supported").getValuesAs(JsonString::getString)
                .contains("private_key_jwt"));
        assertEquals(List.of("RS256", "ES256"),
                metadata.getJsonArray("token_endpoint_auth_signing_alg_values_supported").getValuesAs(JsonString::getString));
        assertTrue(metadata.getJsonArray("introspection_endpoint_auth_methods_supported").getValuesAs(JsonString::getString)
                .contains("private_key_jwt"));
    }

    private Reply introspect(String token) {
        return Reply.of(client.post(TokenHttpService.INTROSPECT).header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + encode(token) + "&client_assertion_type=" + encode(JWT_BEARER)
                        + "&client_assertion=" + encode(assertion("batch", "batch-key"))));
    }

    private static String assertion(String client, String key) {
        return InMemoryClientAssertions.assertion(client, client, TestGatehouse.ASSERTION_AUDIENCE,
                GATEHOUSE.clock.instant().plusSeconds(60), UUID.randomUUID().toString(), key);
    }

    private Reply token(String form, String authorization) {
        // The parallel test's threads share this client.
        var request = OwnConnection.of(client.post("/token")).header(HeaderNames.CONTENT_TYPE, FORM);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return Reply.of(request.submit(form));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject claims(String jwt) {
        return jakarta.json.Json.createReader(new java.io.StringReader(new String(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8))).readObject();
    }
}
