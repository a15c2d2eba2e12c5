package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The consent page of a third-party client over HTTP, the whole assembly on real adapters (H2 and PostgreSQL): a
 * person signs in for a client not marked first-party, is asked, allows or refuses; what they allowed is remembered in
 * the database, and the page cannot be answered from another site or widened by an altered form.
 */
class ConsentIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String ISSUER = "https://auth.example.com";
    private static final String PARTNER = "partner";

    private static GatehouseSettings settingsOn(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(AuthorizationCodeFlowIT.withClients(Map.of(
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,partner:public",
                "GATEHOUSE_CLIENT_REDIRECT_URIS", "web-app=" + CodeFlowBrowser.CALLBACK + ";partner=" + CodeFlowBrowser.CALLBACK,
                "GATEHOUSE_CLIENT_SCOPES", "partner=openid profile email me")))).withDatabase(database);
    }

    @Test
    void a_person_allows_a_third_party_client_once_and_is_not_asked_again_on_postgresql() {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            allowOnceThenRemembered(gatehouse.port());
        }
    }

    @Test
    void a_person_allows_a_third_party_client_once_and_is_not_asked_again_on_h2() {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshH2()), Clock.systemUTC())) {
            allowOnceThenRemembered(gatehouse.port());
        }
    }

    private static void allowOnceThenRemembered(int port) {
        assertEquals(201, new TestHttp(port).register("jane", PASSWORD).statusCode());
        CodeFlowBrowser browser = new CodeFlowBrowser(port, PARTNER);
        Map<String, String> request = browser.request();
        request.put("scope", "openid profile");

        HttpResponse<String> consent = browser.signIn(browser.authorize(request), "jane", PASSWORD);

        assertEquals(200, consent.statusCode(), consent.body());
        assertTrue(consent.body().contains("Allow partner to use your account?"), consent.body());
        assertTrue(consent.body().contains("See your username and your name"), consent.body());
        assertTrue(consent.body().contains("signed in as <strong>jane</strong>"), consent.body());
        assertTrue(consent.body().contains("<form method=\"post\" action=\"/authorize/consent\">"), consent.body());
        assertTrue(consent.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertTrue(consent.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("gatehouse_session=")),
                "signed in: the session is set already");
        HttpResponse<String> back = browser.answerConsent(CodeFlowBrowser.hiddenFields(consent), "allow");
        assertEquals(303, back.statusCode(), back.body());
        Map<String, String> callback = CodeFlowBrowser.queryOf(back);
        assertEquals("af0ifjsldkj", callback.get("state"));
        assertEquals(ISSUER, callback.get("iss"));
        HttpResponse<String> tokens = browser.exchange(callback.get("code"));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(tokens.body().contains("\"id_token\"") || tokens.body().contains("openid"), tokens.body());

        // Remembered: the same scopes (or fewer) go straight back with a code.
        HttpResponse<String> again = browser.authorize(request);
        assertEquals(302, again.statusCode(), again.body());
        assertTrue(CodeFlowBrowser.queryOf(again).containsKey("code"));
        // A new scope asks again, for the new one only.
        Map<String, String> more = new LinkedHashMap<>(request);
        more.put("scope", "openid email");
        HttpResponse<String> askedAgain = browser.authorize(more);
        assertEquals(200, askedAgain.statusCode());
        assertTrue(askedAgain.body().contains("See your email address"), askedAgain.body());
        assertTrue(askedAgain.body().contains("You already allowed it to:"), askedAgain.body());
        assertFalse(askedAgain.body().contains("See your username and your name"), "profile is not asked for");
        // prompt=none with a scope not allowed yet: consent_required, never a page.
        more.put("prompt", "none");
        HttpResponse<String> none = browser.authorize(more);
        assertEquals(302, none.statusCode());
        assertEquals("consent_required", CodeFlowBrowser.queryOf(none).get("error"));
        assertEquals("af0ifjsldkj", CodeFlowBrowser.queryOf(none).get("state"));
        assertEquals(ISSUER, CodeFlowBrowser.queryOf(none).get("iss"));
        // prompt=consent always asks.
        Map<String, String> prompted = new LinkedHashMap<>(request);
        prompted.put("prompt", "consent");
        assertEquals(200, browser.authorize(prompted).statusCode());
        // A first-party client never asks.
        CodeFlowBrowser firstParty = new CodeFlowBrowser(port);
        assertEquals(303, firstParty.signIn(firstParty.authorize(firstParty.request()), "jane", PASSWORD).statusCode());
    }

    @Test
    void refusing_sends_access_denied_back_to_the_client_and_asks_again_next_time() {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshH2()), Clock.systemUTC())) {
            new TestHttp(gatehouse.port()).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port(), PARTNER);
            HttpResponse<String> consent = browser.signIn(browser.authorize(browser.request()), "jane", PASSWORD);

            HttpResponse<String> back = browser.answerConsent(CodeFlowBrowser.hiddenFields(consent), "deny");

            assertEquals(303, back.statusCode(), back.body());
            assertTrue(back.headers().firstValue("Location").orElseThrow().startsWith(CodeFlowBrowser.CALLBACK + "?error=access_denied"));
            Map<String, String> callback = CodeFlowBrowser.queryOf(back);
            assertEquals("af0ifjsldkj", callback.get("state"));
            assertEquals(ISSUER, callback.get("iss"));
            assertFalse(callback.containsKey("code"));
            assertEquals(200, browser.authorize(browser.request()).statusCode(), "nothing was remembered: asked again");
        }
    }

    @Test
    void the_consent_form_cannot_be_posted_from_another_site_nor_widened_by_altering_it() {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            int port = gatehouse.port();
            new TestHttp(port).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(port, PARTNER);
            Map<String, String> request = browser.request();
            request.put("scope", "openid");
            HttpResponse<String> consent = browser.signIn(browser.authorize(request), "jane", PASSWORD);
            Map<String, String> fields = CodeFlowBrowser.hiddenFields(consent);

            // Cross-site request forgery: another site makes the browser post a form it made up (no token of ours).
            Map<String, String> forged = new LinkedHashMap<>(fields);
            forged.remove("consent_token");
            assertEquals(403, browser.answerConsent(forged, "allow").statusCode());
            // A form with more scopes, or for another client, than the page showed.
            for (Map.Entry<String, String> change : List.of(Map.entry("scope", "openid email me"),
                    Map.entry("client_id", "web-app"), Map.entry("redirect_uri", "http://127.0.0.1:9/callback"))) {
                Map<String, String> altered = new LinkedHashMap<>(fields);
                altered.put(change.getKey(), change.getValue());
                HttpResponse<String> answer = browser.answerConsent(altered, "allow");
                assertTrue(answer.statusCode() == 403 || answer.statusCode() == 400, change + ": " + answer.statusCode());
                assertFalse(answer.headers().firstValue("Location").isPresent(), change.toString());
            }
            // The right form from a browser without this one's cookies (the session and the binding).
            HttpResponse<String> elsewhere = new CodeFlowBrowser(port, PARTNER).answerConsent(fields, "allow");
            assertEquals(403, elsewhere.statusCode());
            // Neither an unreadable answer.
            assertEquals(400, browser.answerConsent(fields, "maybe").statusCode());

            Map<String, String> wider = new LinkedHashMap<>(request);
            wider.put("scope", "openid email");
            wider.put("prompt", "none");
            assertEquals("consent_required", CodeFlowBrowser.queryOf(browser.authorize(wider)).get("error"),
                    "none of the altered forms recorded a consent");
            assertEquals(303, browser.answerConsent(fields, "allow").statusCode(), "the form as served still works");
        }
    }

    @Test
    void parallel_consents_on_two_instances_are_all_remembered() throws Exception {
        GatehouseSettings settings = settingsOn(TestDatabases.freshPostgres());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            new TestHttp(first.port()).register("jane", PASSWORD);
            CodeFlowBrowser browser = new CodeFlowBrowser(first.port(), PARTNER);
            Map<String, String> base = browser.request();
            base.put("scope", "openid");
            HttpResponse<String> signedIn = browser.signIn(browser.authorize(base), "jane", PASSWORD);
            assertEquals(200, signedIn.statusCode());
            // Four pages open at once, each asking one more scope; answered together, on both instances.
            List<Map<String, String>> forms = new ArrayList<>();
            for (String scope : List.of("openid profile", "openid email", "openid me", "openid profile email")) {
                Map<String, String> request = new LinkedHashMap<>(base);
                request.put("scope", scope);
                HttpResponse<String> page = browser.authorize(request);
                assertEquals(200, page.statusCode(), scope);
                forms.add(CodeFlowBrowser.hiddenFields(page));
            }
            String cookies = ((CookieManager) browser.http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .map(HttpCookie::toString).collect(Collectors.joining("; "));
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(forms.size());
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < forms.size(); i++) {
                    int port = i % 2 == 0 ? first.port() : second.port();
                    Map<String, String> answer = new LinkedHashMap<>(forms.get(i));
                    answer.put("decision", "allow");
                    answers.add(pool.submit(() -> {
                        start.await();
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/authorize/consent"))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                                .POST(HttpRequest.BodyPublishers.ofString(CodeFlowBrowser.form(answer))).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertEquals(303, answer.get());
                }
            } finally {
                pool.shutdownNow();
            }

            Map<String, String> everything = new LinkedHashMap<>(base);
            everything.put("scope", "openid profile email me");
            everything.put("prompt", "none");
            HttpResponse<String> back = browser.authorize(everything);
            assertEquals(302, back.statusCode());
            assertTrue(CodeFlowBrowser.queryOf(back).containsKey("code"), "every scope allowed in parallel was kept: "
                    + back.headers().firstValue("Location").orElseThrow());
        }
    }
}
