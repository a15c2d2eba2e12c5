package dev.gatehouse.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.examples.testkit.RunningGatehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The recipe against a real Gatehouse (the executable jar, RS256): the app in this JVM with the recipe's own
 * application.properties, only the issuer, port and introspection secret given on the command line.
 */
class SpringResourceServerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static RunningGatehouse gatehouse;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        gatehouse = RunningGatehouse.start();
        gatehouse.register("jane", "correct horse battery");
        app = new SpringApplicationBuilder(ItemsApplication.class).run("--server.port=0",
                "--gatehouse.issuer=" + gatehouse.issuer(),
                "--spring.security.oauth2.resourceserver.opaquetoken.client-secret=" + gatehouse.introspectionSecret());
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void accepts_a_gatehouse_token_for_its_audience_both_locally_and_by_introspection() throws Exception {
        String token = token(null);

        HttpResponse<String> local = get("/users/me", token);
        HttpResponse<String> live = get("/live/users/me", token);

        assertEquals(200, local.statusCode(), local.body() + "\n" + gatehouse.log());
        assertEquals("{\"username\":\"jane\"}", local.body());
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("{\"username\":\"jane\"}", live.body());
    }

    @Test
    void refuses_a_request_without_a_token_or_with_a_forged_one_with_401() throws Exception {
        String token = token(null);
        // The same header and claims with another signature: what a forger without Gatehouse's key can make.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(342);

        HttpResponse<String> none = get("/users/me", null);
        HttpResponse<String> bad = get("/users/me", forged);
        HttpResponse<String> liveBad = get("/live/users/me", forged);

        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, bad.statusCode());
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer error=\"invalid_token\""),
                bad.headers().toString());
        assertEquals(401, liveBad.statusCode());
    }

    @Test
    void refuses_a_gatehouse_token_issued_for_another_api() throws Exception {
        String forOrders = RunningGatehouse.accessTokenOf(
                gatehouse.logIn(RunningGatehouse.OTHER_APP, "jane", "correct horse battery", null));

        HttpResponse<String> answer = get("/users/me", forOrders);

        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElseThrow().contains("aud"),
                answer.headers().toString());
    }

    @Test
    void a_scope_protected_route_answers_403_insufficient_scope_without_the_scope() throws Exception {
        HttpResponse<String> without = get("/users/me/items/", token(null));
        HttpResponse<String> with = get("/users/me/items/", token("items"));
        HttpResponse<String> liveWithout = get("/live/users/me/items/", token(null));

        assertEquals(403, without.statusCode());
        assertTrue(without.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"insufficient_scope\""),
                without.headers().toString());
        assertEquals(200, with.statusCode(), with.body());
        assertEquals("[{\"item_id\":\"Foo\",\"owner\":\"jane\"}]", with.body());
        assertEquals(403, liveWithout.statusCode());
    }

    @Test
    void a_revoked_session_is_refused_at_once_by_introspection_and_accepted_by_local_verification_until_it_expires()
            throws Exception {
        String answer = gatehouse.logIn(RunningGatehouse.WEB_APP, "jane", "correct horse battery", null);
        String token = RunningGatehouse.accessTokenOf(answer);
        assertEquals(200, get("/live/users/me", token).statusCode());

        gatehouse.revoke(RunningGatehouse.refreshTokenOf(answer));

        // Gatehouse's instances hear of an ended session within about a second.
        HttpResponse<String> live = awaitStatus(401, "/live/users/me", token);
        assertEquals(401, live.statusCode(), "introspection still accepts the revoked session's token");
        assertEquals(200, get("/users/me", token).statusCode(), "local verification cannot see a revocation");
    }

    @Test
    void after_an_emergency_key_rotation_a_token_signed_by_the_new_key_is_accepted() throws Exception {
        String before = token(null);
        assertEquals(200, get("/users/me", before).statusCode(), "the key set is now cached");
        String oldKid = RunningGatehouse.keyIdOf(before);

        gatehouse.cli("rotate-keys", "--compromised");

        String after = awaitTokenSignedByAnotherKey(oldKid);
        HttpResponse<String> answer = get("/users/me", after);
        assertEquals(200, answer.statusCode(), "Spring fetches the key set again for an unknown kid: " + answer.headers());
        // That fetch replaced the cached set, which no longer holds the revoked key.
        assertEquals(401, get("/users/me", before).statusCode(), "the revoked key's token, verified locally");
        // The revoked key's tokens: Gatehouse refuses them, so introspection does too.
        assertEquals(401, awaitStatus(401, "/live/users/me", before).statusCode());
    }

    private static String awaitTokenSignedByAnotherKey(String oldKid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String token = token(null);
            String kid = RunningGatehouse.keyIdOf(token);
            if (!kid.equals(oldKid) || System.nanoTime() > deadline) {
                assertNotEquals(oldKid, kid, "Gatehouse still signs with the revoked key 15 s after rotate-keys --compromised");
                return token;
            }
            Thread.sleep(500);
        }
    }

    private static HttpResponse<String> awaitStatus(int status, String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> answer = get(path, token);
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = get(path, token);
        }
        return answer;
    }

    private static String token(String scope) throws Exception {
        return gatehouse.accessToken("jane", "correct horse battery", scope);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
