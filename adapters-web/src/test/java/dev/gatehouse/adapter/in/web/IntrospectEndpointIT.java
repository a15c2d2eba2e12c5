package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /introspect} (RFC 7662): the answers' shapes, statuses and headers, who may ask, the metadata that lists
 * it, the request budget, and revocation racing introspection over HTTP. The {@code closed} listener has no client
 * registered; the {@code limited} one trusts the test as a proxy and has a small budget per client.
 */
@ServerTest
class IntrospectEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "orders-api-secret:with+plus&more than 32 bytes";
    private static final String REPORTING_SECRET = "reporting-secret-of-at-least-32-bytes!";
    private static final String LOGIN = "username=johndoe&password=" + encode(PASSWORD) + "&client_id=web-app";
    private static final String INVALID_CLIENT = """
            {"detail":"Invalid client","error":"invalid_client","error_description":"Client authentication failed"}""";
    private static final String BASIC_CHALLENGE = "Basic realm=\"gatehouse\", charset=\"UTF-8\"";
    private static final String INACTIVE = """
            {"active":false}""";
    private static final RateLimits LIMITS = new RateLimits(RequestRate.of(5, 1, Duration.ofHours(1)),
            RequestRate.of(50, 1, Duration.ofHours(1)), RequestRate.of(2, 1, Duration.ofHours(1)), 1_000);

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static final TestGatehouse WITHOUT_CLIENTS = new TestGatehouse();

    private final Http1Client client;
    private final Http1Client closed;
    private final Http1Client limited;
    private final int port;

    IntrospectEndpointIT(WebServer server, Http1Client client, @Socket("closed") Http1Client closed,
                         @Socket("limited") Http1Client limited) {
        this.port = server.port();
        this.client = client;
        this.closed = closed;
        this.limited = limited;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GATEHOUSE.clients.register(Client.publicClient(new ClientId("web-app"), true))
                .register(Client.confidential(new ClientId("orders-api"), ClientSecretHash.of(SECRET), false).allowedToIntrospect())
                .register(Client.confidential(new ClientId("reporting"), ClientSecretHash.of(REPORTING_SECRET), false));
        // No request budget here: the race below asks far more often than a client may; "limited" has one.
        GatehouseRouting.configure(routing, GATEHOUSE.useCases,
                WebSettings.DEFAULT.withClientAuthentication(true).withRateLimits(RateLimits.UNLIMITED));
    }

    @SetUpRoute("closed")
    static void closedRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, WITHOUT_CLIENTS.useCases);
    }

    @SetUpRoute("limited")
    static void limitedRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases,
                new WebSettings(ClientAddressing.behind("127.0.0.1"), true, WebSettings.DEFAULT.knownDeviceLifetime())
                        .withClientAuthentication(true).withRateLimits(LIMITS));
    }

    @Test
    void an_access_token_is_active_with_the_rfc_fields_and_no_store() {
        String accessToken = logIn().getString("access_token");

        Reply reply = introspect(client, "token=" + encode(accessToken), basic("orders-api", SECRET));

        assertEquals(200, reply.status(), reply::toString);
        JsonObject json = reply.json();
        assertTrue(json.getBoolean("active"));
        assertEquals("Bearer", json.getString("token_type"));
        assertEquals("johndoe", json.getString("username"));
        assertEquals("johndoe", json.getString("sub"));
        assertEquals("web-app", json.getString("client_id"));
        // The issuer the metadata publishes (in production the tokens' iss, from the same setting).
        assertEquals(WebSettings.DEFAULT.discovery().issuer(), json.getString("iss"));
        assertEquals(GATEHOUSE.tokens.verify(accessToken).orElseThrow().tokenId(), json.getString("jti"));
        assertEquals(json.getJsonNumber("iat").longValue() + 15 * 60, json.getJsonNumber("exp").longValue());
        // RFC 7662's aud: the audiences the access token names (RFC 8707).
        assertEquals(List.of(TestGatehouse.ISSUER), json.getJsonArray("aud").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(Set.of("active", "token_type", "username", "sub", "client_id", "iss", "jti", "iat", "exp", "aud"), json.keySet());
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        assertEquals("no-cache", reply.header(HeaderNames.PRAGMA));
        assertTrue(reply.header(HeaderNames.CONTENT_TYPE).startsWith("application/json"), reply::toString);
    }

    @Test
    void a_resource_server_may_send_its_secret_in_the_form_too() {
        String accessToken = logIn().getString("access_token");

        Reply reply = introspect(client, "token=" + encode(accessToken) + "&client_id=orders-api&client_secret=" + encode(SECRET), null);

        assertTrue(reply.json().getBoolean("active"), reply::toString);
    }

    @Test
    void a_refresh_token_is_active_until_it_is_used() {
        String refreshToken = logIn().getString("refresh_token");

        JsonObject json = introspect(client, "token=" + encode(refreshToken) + "&token_type_hint=refresh_token",
                basic("orders-api", SECRET)).json();
        assertTrue(json.getBoolean("active"), json::toString);
        assertEquals("refresh_token", json.getString("token_type"));
        assertFalse(json.containsKey("jti"));

        assertEquals(200, refresh(refreshToken).status());
        introspect(client, "token=" + encode(refreshToken), basic("orders-api", SECRET)).expect(200, INACTIVE);
    }

    @Test
    void anything_but_an_active_token_is_just_inactive() {
        String accessToken = logIn().getString("access_token");
        assertEquals(200, Reply.empty(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + encode(accessToken) + "&client_id=web-app")).status());

        for (String form : List.of("token=" + encode(accessToken), "token=not-a-token", "token=x&token_type_hint=refresh_token",
                "token=x&token_type_hint=something_else")) {
            Reply reply = introspect(client, form, basic("orders-api", SECRET)).expect(200, INACTIVE);
            assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        }
    }

    @Test
    void a_caller_that_is_not_an_allowed_resource_server_gets_401_with_a_basic_challenge() {
        String accessToken = logIn().getString("access_token");
        String form = "token=" + encode(accessToken);

        for (String authorization : List.of(basic("orders-api", "wrong"), basic("reporting", REPORTING_SECRET), basic("web-app", ""),
                basic("stranger", SECRET), "Basic not-base64!")) {
            Reply reply = introspect(client, form, authorization).expect(401, INVALID_CLIENT);
            assertEquals(BASIC_CHALLENGE, reply.header(HeaderNames.WWW_AUTHENTICATE), authorization);
        }
        Reply anonymous = introspect(client, form, null).expect(401, INVALID_CLIENT);
        assertEquals(BASIC_CHALLENGE, anonymous.header(HeaderNames.WWW_AUTHENTICATE));
        introspect(client, form + "&client_id=web-app", null).expect(401, INVALID_CLIENT);
    }

    @Test
    void without_registered_clients_introspection_is_closed_and_not_advertised() {
        Reply reply = introspect(closed, "token=x", basic("orders-api", SECRET)).expect(401, INVALID_CLIENT);

        assertEquals(BASIC_CHALLENGE, reply.header(HeaderNames.WWW_AUTHENTICATE));
        JsonObject metadata = Reply.of(closed.get(AuthorizationServerMetadataHttpService.PATH).request()).json();
        assertFalse(metadata.containsKey("introspection_endpoint"), metadata::toString);
    }

    @Test
    void a_malformed_request_gets_400_in_the_documented_shape() {
        introspect(client, "token_type_hint=access_token", basic("orders-api", SECRET)).expect(400, """
                {"detail":"Parameter token is required","error":"invalid_request","error_description":"Parameter token is required"}""");
        introspect(client, "token=a&token=b", basic("orders-api", SECRET)).expect(400, """
                {"detail":"Parameter token must not be repeated","error":"invalid_request",
                 "error_description":"Parameter token must not be repeated"}""");
        Reply json = Reply.of(client.post("/introspect").header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.AUTHORIZATION, basic("orders-api", SECRET)).submit("{\"token\":\"x\"}"));
        assertTrue(json.status() >= 400 && json.status() < 500, json::toString);
    }

    @Test
    void the_metadata_lists_the_endpoint_and_its_methods() {
        JsonObject metadata = Reply.of(client.get(AuthorizationServerMetadataHttpService.PATH).request()).json();

        assertTrue(metadata.getString("introspection_endpoint").endsWith("/introspect"), metadata::toString);
        assertEquals(List.of("client_secret_basic", "client_secret_post", "private_key_jwt"),
                metadata.getJsonArray("introspection_endpoint_auth_methods_supported").getValuesAs(JsonString::getString));
    }

    @Test
    void a_client_over_its_request_budget_gets_429_before_anything_is_looked_at() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, introspect(limited.post().header(HeaderNames.X_FORWARDED_FOR, "198.51.100.77"), "token=x",
                    basic("orders-api", SECRET)).status());
        }
        int events = GATEHOUSE.audit.events().size();

        Reply refused = introspect(limited.post().header(HeaderNames.X_FORWARDED_FOR, "198.51.100.77"), "token=x",
                basic("orders-api", "wrong")).expect(429, """
                {"detail":"Too many requests, retry later","error":"temporarily_unavailable",
                 "error_description":"Too many requests, retry later"}""");

        assertTrue(refused.header(HeaderNames.RETRY_AFTER) != null, refused::toString);
        assertEquals(events, GATEHOUSE.audit.events().size(), "the refused client authentication was never tried");
        assertEquals(200, introspect(limited.post().header(HeaderNames.X_FORWARDED_FOR, "203.0.113.77"), "token=x",
                basic("orders-api", SECRET)).status(), "another client keeps its budget");
    }

    @Test
    void once_revoke_has_answered_no_introspection_says_active() throws Exception {
        for (int round = 0; round < 5; round++) {
            String accessToken = logIn().getString("access_token");
            String form = "token=" + encode(accessToken);
            AtomicBoolean revoked = new AtomicBoolean();
            AtomicInteger activeAfter = new AtomicInteger();
            AtomicInteger asked = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(6);
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> askers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    askers.add(threads.submit(() -> {
                        started.countDown();
                        while (asked.getAndIncrement() < 300) {
                            boolean revokedBefore = revoked.get();
                            // A socket per request: Helidon's clients share pooled connections across threads.
                            byte[] body = form.getBytes(StandardCharsets.UTF_8);
                            RawHttp.Answer reply = RawHttp.send(port, RawHttp.request("POST /introspect HTTP/1.1",
                                    List.of("Content-Type: " + FORM, "Content-Length: " + body.length,
                                            "Authorization: " + basic("orders-api", SECRET)), body));
                            assertEquals(200, reply.status(), reply::toString);
                            if (revokedBefore && reply.body().contains("\"active\":true")) {
                                activeAfter.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                started.await();
                assertEquals(200, Reply.empty(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM)
                        .submit(form + "&token_type_hint=access_token&client_id=web-app")).status());
                revoked.set(true);
                for (Future<?> asker : askers) {
                    asker.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(0, activeAfter.get(), "round " + round);
        }
    }

    private JsonObject logIn() {
        Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM).submit(LOGIN));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private Reply refresh(String refreshToken) {
        return Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("grant_type=refresh_token&client_id=web-app&refresh_token=" + encode(refreshToken)));
    }

    private static Reply introspect(Http1Client to, String form, String authorization) {
        return introspect(to.post(), form, authorization);
    }

    private static Reply introspect(io.helidon.webclient.http1.Http1ClientRequest request, String form, String authorization) {
        request.path("/introspect").header(HeaderNames.CONTENT_TYPE, FORM);
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        return Reply.of(request.submit(form));
    }

    /** RFC 6749 section 2.3.1: id and secret are form-urlencoded, then joined by a colon and base64-encoded. */
    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }
}
