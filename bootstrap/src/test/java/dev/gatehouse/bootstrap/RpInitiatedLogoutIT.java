package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect RP-Initiated Logout over HTTP on the whole assembly: a logout with the client's ID token ends the
 * browser session (a copy of its cookie signs nobody in again, on any instance) and the refresh tokens it started; the
 * browser goes back to the registered page with its state; an unregistered return address is never followed; without
 * a hint the person confirms on a page whose form another site cannot post. And a refresh returns a new ID token with
 * the same sub, auth_time and sid. On PostgreSQL (also across two instances) and the embedded database.
 */
class RpInitiatedLogoutIT {

    private static final String GOODBYE = "http://127.0.0.1/goodbye";

    private static GatehouseSettings settingsOn(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(OpenIdConnectIT.oidcSettings(Map.of(
                "GATEHOUSE_CLIENT_POST_LOGOUT_REDIRECT_URIS", "web-app=" + GOODBYE)))).withDatabase(database);
    }

    @Test
    void logout_with_the_id_token_ends_the_session_its_cookie_copies_and_refresh_tokens_on_postgresql() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            logOutWithHint(gatehouse.port(), gatehouse.port());
        }
    }

    @Test
    void logout_with_the_id_token_ends_the_session_its_cookie_copies_and_refresh_tokens_on_the_embedded_database(
            @TempDir Path dataDir) throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            logOutWithHint(gatehouse.port(), gatehouse.port());
        }
    }

    @Test
    void a_logout_on_one_instance_ends_the_cookie_copy_and_the_refresh_tokens_on_the_other() throws Exception {
        GatehouseSettings settings = settingsOn(TestDatabases.freshPostgres());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            logOutWithHint(first.port(), second.port());
        }
    }

    /** Signs in through {@code port}, logs out there, and checks a copy of the cookie and the tokens on {@code otherPort}. */
    private static void logOutWithHint(int port, int otherPort) throws Exception {
        OpenIdConnectIT.registerJane(port);
        CodeFlowBrowser browser = new CodeFlowBrowser(port);
        Map<String, Object> tokens = OpenIdConnectIT.json(OpenIdConnectIT.tokensFor(browser,
                OpenIdConnectIT.request(browser, "openid profile", "n-1"), "jane"));
        String idToken = (String) tokens.get("id_token");
        JWTClaimsSet first = SignedJWT.parse(idToken).getJWTClaimsSet();
        String sid = first.getStringClaim("sid");
        assertNotNull(sid, "the ID token names its browser session");
        assertTrue(OpenIdConnectIT.get(port, "/.well-known/openid-configuration").body()
                .contains("\"end_session_endpoint\":\"https://auth.example.com/authorize/end-session\""));

        // ID token on refresh (OpenID Connect Core 12.2), on the other instance.
        CodeFlowBrowser elsewhere = new CodeFlowBrowser(otherPort);
        HttpResponse<String> refreshed = elsewhere.refresh((String) tokens.get("refresh_token"));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        Map<String, Object> next = OpenIdConnectIT.json(refreshed);
        JWTClaimsSet again = SignedJWT.parse((String) next.get("id_token")).getJWTClaimsSet();
        assertEquals(first.getSubject(), again.getSubject());
        assertEquals(first.getLongClaim("auth_time"), again.getLongClaim("auth_time"));
        assertEquals(sid, again.getStringClaim("sid"));
        assertNull(again.getClaim("nonce"));

        // A copy of the browser's cookies, in another browser talking to the other instance.
        copyCookies(browser, elsewhere, port, otherPort);
        Map<String, String> silent = new LinkedHashMap<>(browser.request());
        silent.put("prompt", "none");
        assertEquals(302, elsewhere.authorize(silent).statusCode());
        assertNotNull(CodeFlowBrowser.queryOf(elsewhere.authorize(silent)).get("code"), "the copy signs in before the logout");

        // An unregistered return address is never followed, and ends nothing.
        for (String attempt : List.of("https://evil.example/", GOODBYE + "/x", GOODBYE + "?next=https://evil.example")) {
            HttpResponse<String> refused = browser.get("/authorize/end-session?" + CodeFlowBrowser.form(Map.of(
                    "id_token_hint", idToken, "post_logout_redirect_uri", attempt, "state", "s")));
            assertEquals(400, refused.statusCode(), attempt);
            assertTrue(refused.headers().firstValue("Location").isEmpty(), attempt);
        }

        HttpResponse<String> out = browser.get("/authorize/end-session?" + CodeFlowBrowser.form(Map.of(
                "id_token_hint", idToken, "post_logout_redirect_uri", GOODBYE, "state", "st 1")));
        assertEquals(303, out.statusCode(), out.body());
        assertEquals(GOODBYE + "?state=st%201", out.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> loginRequired = elsewhere.authorize(silent);
        assertEquals(302, loginRequired.statusCode());
        assertEquals("login_required", CodeFlowBrowser.queryOf(loginRequired).get("error"), "the copy is refused");
        assertEquals(400, elsewhere.refresh((String) next.get("refresh_token")).statusCode(), "refresh tokens are dead");
        assertEquals(400, browser.refresh((String) next.get("refresh_token")).statusCode());
    }

    @Test
    void without_a_hint_the_person_confirms_and_a_cross_site_post_ends_nothing(@TempDir Path dataDir) throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            int port = gatehouse.port();
            OpenIdConnectIT.registerJane(port);
            CodeFlowBrowser browser = new CodeFlowBrowser(port);
            Map<String, Object> tokens = OpenIdConnectIT.json(OpenIdConnectIT.tokensFor(browser,
                    OpenIdConnectIT.request(browser, "openid", null), "jane"));

            HttpResponse<String> ask = browser.get("/authorize/end-session?" + CodeFlowBrowser.form(Map.of(
                    "client_id", "web-app", "post_logout_redirect_uri", GOODBYE, "state", "s2")));
            assertEquals(200, ask.statusCode(), ask.body());
            assertTrue(ask.body().contains("Log out?"));
            Map<String, String> fields = CodeFlowBrowser.hiddenFields(ask);
            assertNotNull(fields.get("form_token"));

            // Another site's form: the browser sends the session cookie (Lax does not on a cross-site POST, but even if
            // it did) without the binding cookie the token is bound to.
            CodeFlowBrowser attacker = new CodeFlowBrowser(port);
            copyCookie(browser, attacker, port, "gatehouse_session");
            assertEquals(403, attacker.postTo("/authorize/end-session", fields).statusCode());
            Map<String, String> forged = new LinkedHashMap<>(fields);
            forged.remove("form_token");
            HttpResponse<String> noToken = browser.postTo("/authorize/end-session", forged);
            assertEquals(200, noToken.statusCode(), "a post without the token only asks again");
            assertEquals(200, browser.refresh((String) tokens.get("refresh_token")).statusCode(), "nothing ended yet");

            HttpResponse<String> out = browser.postTo("/authorize/end-session", fields);
            assertEquals(303, out.statusCode(), out.body());
            assertEquals(GOODBYE + "?state=s2", out.headers().firstValue("Location").orElseThrow());
            Map<String, String> silent = new LinkedHashMap<>(browser.request());
            silent.put("prompt", "none");
            assertEquals("login_required", CodeFlowBrowser.queryOf(attacker.authorize(silent)).get("error"));
            assertFalse(browser.get("/authorize/end-session").body().contains("Log out?"), "nobody is signed in any more");
        }
    }

    private static void copyCookies(CodeFlowBrowser from, CodeFlowBrowser to, int fromPort, int toPort) {
        CookieManager source = (CookieManager) from.http.cookieHandler().orElseThrow();
        CookieManager target = (CookieManager) to.http.cookieHandler().orElseThrow();
        for (HttpCookie cookie : source.getCookieStore().getCookies()) {
            target.getCookieStore().add(URI.create("http://127.0.0.1:" + toPort + "/authorize"), cookie);
        }
    }

    private static void copyCookie(CodeFlowBrowser from, CodeFlowBrowser to, int port, String name) {
        CookieManager source = (CookieManager) from.http.cookieHandler().orElseThrow();
        CookieManager target = (CookieManager) to.http.cookieHandler().orElseThrow();
        source.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
                .forEach(cookie -> target.getCookieStore().add(URI.create("http://127.0.0.1:" + port + "/authorize"), cookie));
    }
}
