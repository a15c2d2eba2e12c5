package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization code flow with PKCE over HTTP, the whole assembly on real adapters: the browser asks
 * {@code /authorize}, reads the sign-in page's form, posts it with its token, follows the redirect to the client, and
 * the client exchanges the code at {@code /token}. Then every attack the flow must stop.
 */
class AuthorizationCodeFlowIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String ISSUER = "https://auth.example.com";

    static Map<String, String> withClients(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(RequestBudgets.off(Map.of(
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_JWT_SECRET", "an-integration-test-secret-of-32-bytes-or-more",
                "GATEHOUSE_SECURE_COOKIES", "false",
                "GATEHOUSE_ISSUER", ISSUER,
                "GATEHOUSE_CLIENTS", "web-app:public:first-party",
                "GATEHOUSE_CLIENT_REDIRECT_URIS", "web-app=" + CodeFlowBrowser.CALLBACK)));
        settings.putAll(more);
        return settings;
    }

    private static GatehouseSettings settingsOn(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(withClients(Map.of()))).withDatabase(database);
    }

    @Test
    void a_person_signs_in_on_the_page_and_the_client_exchanges_the_code_on_postgresql() {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            wholeFlow(gatehouse.port());
        }
    }

    @Test
    void a_person_signs_in_on_the_page_and_the_client_exchanges_the_code_on_the_embedded_database(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            wholeFlow(gatehouse.port());
        }
    }

    private static void wholeFlow(int port) {
        assertEquals(201, new TestHttp(port).register("jane", PASSWORD).statusCode());
        CodeFlowBrowser browser = new CodeFlowBrowser(port);

        HttpResponse<String> page = browser.authorize(browser.request());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<label for=\"username\">"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        HttpResponse<String> back = browser.signIn(page, "jane", PASSWORD);
        assertEquals(303, back.statusCode(), back.body());
        Map<String, String> callback = CodeFlowBrowser.queryOf(back);
        assertTrue(back.headers().firstValue("Location").orElseThrow().startsWith(CodeFlowBrowser.CALLBACK + "?code="));
        assertEquals("af0ifjsldkj", callback.get("state"));
        assertEquals(ISSUER, callback.get("iss"), "RFC 9207: the client can tell which server answered");
        assertTrue(back.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("gatehouse_session=")
                && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")), back.headers().toString());

        HttpResponse<String> tokens = browser.exchange(callback.get("code"));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertEquals(200, new TestHttp(port).me(TestHttp.accessToken(tokens)).statusCode());
        assertEquals(200, browser.refresh(TestHttp.refreshToken(tokens)).statusCode(), "its refresh token rotates as today");

        // The browser session: the next request goes straight back with a code, without the page.
        HttpResponse<String> again = browser.authorize(browser.request());
        assertEquals(302, again.statusCode(), again.body());
        assertEquals(200, browser.exchange(CodeFlowBrowser.queryOf(again).get("code")).statusCode());
        Map<String, String> forceLogin = new LinkedHashMap<>(browser.request());
        forceLogin.put("prompt", "login");
        assertEquals(200, browser.authorize(forceLogin).statusCode(), "prompt=login shows the page again");
    }

    @Test
    void a_code_used_twice_is_refused_and_revokes_the_tokens_of_its_first_use(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            new TestHttp(gatehouse.port()).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            String code = browser.codeFor("jane", PASSWORD);
            HttpResponse<String> first = browser.exchange(code);
            assertEquals(200, first.statusCode());

            HttpResponse<String> replay = browser.exchange(code);

            assertEquals(400, replay.statusCode());
            assertTrue(replay.body().contains("\"error\":\"invalid_grant\""), replay.body());
            assertEquals(400, browser.refresh(TestHttp.refreshToken(first)).statusCode(), "the first use's session is revoked");
            assertEquals(401, new TestHttp(gatehouse.port()).me(TestHttp.accessToken(first)).statusCode(), "and its access token");
        }
    }

    @Test
    void a_password_change_ends_the_browser_session(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            TestHttp api = new TestHttp(gatehouse.port());
            api.register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            HttpResponse<String> tokens = browser.exchange(browser.codeFor("jane", PASSWORD));
            assertEquals(302, browser.authorize(browser.request()).statusCode(), "signed in: no page");

            assertEquals(200, api.changePassword(TestHttp.accessToken(tokens), PASSWORD, "another good password").statusCode());

            assertEquals(200, browser.authorize(browser.request()).statusCode(), "the session ended with the password change");
        }
    }

    @Test
    void a_wrong_verifier_or_redirect_uri_gets_no_tokens_and_an_expired_code_neither(@TempDir Path dataDir) {
        MutableClock clock = MutableClock.startingNow();
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), clock)) {
            new TestHttp(gatehouse.port()).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            String code = browser.codeFor("jane", PASSWORD);

            assertInvalidGrant(browser.exchange(code, CodeFlowBrowser.CALLBACK, CodeFlowBrowser.randomVerifier()));
            assertInvalidGrant(browser.exchange(code, CodeFlowBrowser.CALLBACK + "/other", browser.verifier));
            assertInvalidGrant(browser.exchange(code, "http://127.0.0.1:8000/callback", browser.verifier));
            clock.advance(Duration.ofSeconds(61));
            assertInvalidGrant(browser.exchange(code));

            String fresh = browser.codeFor("jane", PASSWORD);
            assertEquals(200, browser.exchange(fresh).statusCode(), "a fresh code within its minute works");
        }
    }

    @Test
    void a_sign_in_form_without_its_token_or_from_another_browser_is_refused_before_any_password_check(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            new TestHttp(gatehouse.port()).register("jane", PASSWORD);
            CodeFlowBrowser victim = new CodeFlowBrowser(gatehouse.port());
            Map<String, String> fields = CodeFlowBrowser.hiddenFields(victim.authorize(victim.request()));
            fields.put("username", "jane");
            fields.put("password", PASSWORD);

            Map<String, String> withoutToken = new LinkedHashMap<>(fields);
            withoutToken.remove("form_token");
            assertEquals(403, victim.postForm(withoutToken).statusCode(), "no token");
            Map<String, String> wrongToken = new LinkedHashMap<>(fields);
            wrongToken.put("form_token", fields.get("form_token").replace('A', 'B').replace('a', 'b'));
            assertEquals(403, victim.postForm(wrongToken).statusCode(), "a made-up token");
            Map<String, String> otherRequest = new LinkedHashMap<>(fields);
            otherRequest.put("state", "attacker-state");
            assertEquals(403, victim.postForm(otherRequest).statusCode(), "the token of another request");
            // Another site posting the form: the browser would not send the binding cookie's value with it, so the
            // token does not match; here, a browser that never had the page (no binding cookie at all).
            CodeFlowBrowser attacker = new CodeFlowBrowser(gatehouse.port());
            HttpResponse<String> forged = attacker.postForm(fields);
            assertEquals(403, forged.statusCode());
            assertTrue(forged.body().contains("This sign-in form has expired"), forged.body());
            assertFalse(forged.headers().firstValue("Location").isPresent());

            assertEquals(303, victim.postForm(fields).statusCode(), "the real form still works");
        }
    }

    @Test
    void the_page_is_throttled_as_the_token_endpoint_is_and_tells_the_person_what_to_do(@TempDir Path dataDir) {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(withClients(Map.of(
                "GATEHOUSE_LOGIN_BACKOFF_FIRST", "30s")))).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp api = new TestHttp(gatehouse.port());
            api.register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            HttpResponse<String> page = browser.authorize(browser.request());

            HttpResponse<String> wrong = browser.signIn(page, "jane", "not her password");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("The username or password is not right"), wrong.body());
            assertTrue(wrong.body().contains("aria-describedby=\"sign-in-error\""), wrong.body());
            HttpResponse<String> throttled = browser.signIn(wrong, "jane", PASSWORD);

            assertEquals(429, throttled.statusCode(), "the account's backoff holds on the page, even for the right password");
            assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
            assertTrue(throttled.body().contains("too many attempts"), throttled.body());
            HttpResponse<String> atTokenEndpoint = api.logIn("jane", PASSWORD, Map.of("client_id", CodeFlowBrowser.CLIENT_ID));
            assertEquals(401, atTokenEndpoint.statusCode(), "and the same budget holds at /token");
            assertTrue(atTokenEndpoint.headers().firstValue("Retry-After").isPresent());
        }
    }

    @Test
    void an_unknown_client_or_redirect_uri_is_shown_on_a_page_and_other_errors_go_back_with_state_and_iss(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            Map<String, String> unknownClient = new LinkedHashMap<>(browser.request());
            unknownClient.put("client_id", "stranger");
            Map<String, String> evilRedirect = new LinkedHashMap<>(browser.request());
            evilRedirect.put("redirect_uri", "https://evil.example/callback");
            for (Map<String, String> untrusted : List.of(unknownClient, evilRedirect)) {
                HttpResponse<String> page = browser.authorize(untrusted);
                assertEquals(400, page.statusCode());
                assertFalse(page.headers().firstValue("Location").isPresent(), "never redirected");
                assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            }

            Map<String, String> plain = new LinkedHashMap<>(browser.request());
            plain.put("code_challenge_method", "plain");
            HttpResponse<String> refused = browser.authorize(plain);
            assertEquals(302, refused.statusCode());
            Map<String, String> error = CodeFlowBrowser.queryOf(refused);
            assertEquals("invalid_request", error.get("error"));
            assertEquals("af0ifjsldkj", error.get("state"));
            assertEquals(ISSUER, error.get("iss"));

            Map<String, String> silent = new LinkedHashMap<>(browser.request());
            silent.put("prompt", "none");
            assertEquals("login_required", CodeFlowBrowser.queryOf(browser.authorize(silent)).get("error"));
        }
    }

    @Test
    void without_registered_clients_the_endpoint_says_the_flow_needs_them(@TempDir Path dataDir) {
        Map<String, String> tutorial = withClients(Map.of());
        tutorial.remove("GATEHOUSE_CLIENTS");
        tutorial.remove("GATEHOUSE_CLIENT_REDIRECT_URIS");
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(tutorial)).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
            HttpResponse<String> page = browser.authorize(browser.request());

            assertEquals(400, page.statusCode());
            assertTrue(page.body().contains("needs registered clients"), page.body());
            assertFalse(new TestHttp(gatehouse.port()).get("/.well-known/oauth-authorization-server").body()
                    .contains("authorization_endpoint"));
        }
    }

    @Test
    void the_server_metadata_announces_the_endpoint_with_pkce_and_iss(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            String metadata = new TestHttp(gatehouse.port()).get("/.well-known/oauth-authorization-server").body();

            assertTrue(metadata.contains("\"authorization_endpoint\":\"" + ISSUER + "/authorize\""), metadata);
            assertTrue(metadata.contains("\"response_types_supported\":[\"code\"]"), metadata);
            assertTrue(metadata.contains("\"code_challenge_methods_supported\":[\"S256\"]"), metadata);
            assertTrue(metadata.contains("\"authorization_response_iss_parameter_supported\":true"), metadata);
            assertTrue(metadata.contains("\"authorization_code\""), metadata);
        }
    }

    @Test
    void of_many_parallel_exchanges_of_one_code_on_two_instances_exactly_one_gets_tokens() throws Exception {
        GatehouseSettings settings = settingsOn(TestDatabases.freshPostgres());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            new TestHttp(first.port()).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
            String code = browser.codeFor("jane", PASSWORD);
            List<CodeFlowBrowser> clients = List.of(browser, new CodeFlowBrowser(second.port()));
            int racers = 16;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            List<Integer> statuses = new ArrayList<>();
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    CodeFlowBrowser client = clients.get(i % 2);
                    Callable<Integer> exchange = () -> {
                        start.await();
                        return client.exchange(code, CodeFlowBrowser.CALLBACK, browser.verifier).statusCode();
                    };
                    results.add(pool.submit(exchange));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    statuses.add(result.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            assertEquals(racers - 1, statuses.stream().filter(status -> status == 400).count(), statuses.toString());
        }
    }

    private static void assertInvalidGrant(HttpResponse<String> answer) {
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"error\":\"invalid_grant\""), answer.body());
    }
}
