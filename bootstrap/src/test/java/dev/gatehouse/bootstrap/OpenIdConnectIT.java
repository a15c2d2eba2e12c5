package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect over HTTP on the whole assembly: the ID token of a code granted {@code openid}, checked by an
 * independent JOSE library as a relying party would (signature against {@code /jwks}, issuer, audience, expiry, nonce,
 * {@code at_hash}); {@code /userinfo} and its RFC 6750 errors; {@code max_age}; and discovery, which must agree with the
 * RFC 8414 metadata. On PostgreSQL and the embedded database.
 */
class OpenIdConnectIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String ISSUER = "https://auth.example.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Map<String, String> oidcSettings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(AuthorizationCodeFlowIT.withClients(Map.of("GATEHOUSE_JWT_ALGORITHM", "ES256")));
        settings.putAll(more);
        return settings;
    }

    private static GatehouseSettings settingsOn(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(oidcSettings(Map.of()))).withDatabase(database);
    }

    /** An authorization request for {@code scope}, with {@code nonce} when not null. */
    static Map<String, String> request(CodeFlowBrowser browser, String scope, String nonce) {
        Map<String, String> query = new LinkedHashMap<>(browser.request());
        query.put("scope", scope);
        if (nonce == null) {
            query.remove("nonce");
        } else {
            query.put("nonce", nonce);
        }
        return query;
    }

    /** Asks, signs in when the page comes, and exchanges the code: the token response. */
    static HttpResponse<String> tokensFor(CodeFlowBrowser browser, Map<String, String> query, String username) {
        HttpResponse<String> page = browser.authorize(query);
        HttpResponse<String> back = page.statusCode() == 302 ? page : browser.signIn(page, username, PASSWORD);
        assertTrue(back.statusCode() == 302 || back.statusCode() == 303, back.statusCode() + " " + back.body());
        HttpResponse<String> tokens = browser.exchange(CodeFlowBrowser.queryOf(back).get("code"));
        assertEquals(200, tokens.statusCode(), tokens.body());
        return tokens;
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (java.text.ParseException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    static HttpResponse<String> userInfo(int port, String method, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/userinfo"));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(method.equals("GET") ? request.GET().build()
                : request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static void registerJane(int port) {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"jane\",\"password\":\"" + PASSWORD
                        + "\",\"full_name\":\"Jane Doe\",\"email\":\"jane@example.com\"}")).build());
        assertEquals(201, registered.statusCode(), registered.body());
    }

    @Test
    void an_openid_code_gets_an_id_token_a_relying_party_verifies_and_userinfo_agrees_on_postgresql() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            idTokenAndUserInfo(gatehouse.port());
        }
    }

    @Test
    void an_openid_code_gets_an_id_token_a_relying_party_verifies_and_userinfo_agrees_on_the_embedded_database(
            @TempDir Path dataDir) throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            idTokenAndUserInfo(gatehouse.port());
        }
    }

    private static void idTokenAndUserInfo(int port) throws Exception {
        registerJane(port);
        CodeFlowBrowser browser = new CodeFlowBrowser(port);
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> tokens = tokensFor(browser, request(browser, "openid profile email", "n-0S6_WzA2Mj"), "jane");
        Map<String, Object> body = json(tokens);
        String accessToken = (String) body.get("access_token");

        JWTClaimsSet idToken = IdTokenCheck.verify((String) body.get("id_token"), get(port, "/.well-known/jwks.json").body(), ISSUER,
                CodeFlowBrowser.CLIENT_ID, "n-0S6_WzA2Mj", accessToken);

        assertEquals("web-app", idToken.getStringClaim("azp"));
        assertEquals("jane", idToken.getStringClaim("preferred_username"));
        assertEquals("Jane Doe", idToken.getStringClaim("name"));
        assertEquals("jane@example.com", idToken.getStringClaim("email"));
        assertEquals(Boolean.FALSE, idToken.getBooleanClaim("email_verified"));
        Instant authTime = Instant.ofEpochSecond(idToken.getLongClaim("auth_time"));
        assertFalse(authTime.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), "signed in just now");
        assertTrue(idToken.getExpirationTime().toInstant().isAfter(Instant.now()));

        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> info = userInfo(port, method, accessToken);
            assertEquals(200, info.statusCode(), method + " " + info.body());
            assertEquals("no-store", info.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(Map.of("sub", idToken.getSubject(), "preferred_username", "jane", "name", "Jane Doe",
                    "email", "jane@example.com", "email_verified", false), json(info));
        }
        // The tutorial's endpoint keeps its contract with the same token.
        HttpResponse<String> me = new TestHttp(port).me(accessToken);
        assertEquals(200, me.statusCode());
        assertEquals("jane", json(me).get("username"));
        assertNull(json(me).get("sub"));
        // A forged at_hash check: the ID token does not match another access token.
        HttpResponse<String> other = tokensFor(browser, request(browser, "openid", "n-0S6_WzA2Mj"), "jane");
        assertThrows(AssertionError.class, () -> IdTokenCheck.verify((String) body.get("id_token"), get(port, "/.well-known/jwks.json").body(),
                ISSUER, CodeFlowBrowser.CLIENT_ID, "n-0S6_WzA2Mj", TestHttp.accessToken(other)));
    }

    @Test
    void userinfo_releases_claims_by_scope_and_answers_rfc_6750_errors(@TempDir Path dataDir) throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            int port = gatehouse.port();
            registerJane(port);
            CodeFlowBrowser browser = new CodeFlowBrowser(port);

            String openidOnly = TestHttp.accessToken(tokensFor(browser, request(browser, "openid", "x"), "jane"));
            Map<String, Object> subOnly = json(userInfo(port, "GET", openidOnly));
            assertEquals(Set.of("sub"), subOnly.keySet());

            String profile = TestHttp.accessToken(tokensFor(browser, request(browser, "openid profile", "x"), "jane"));
            assertEquals(Set.of("sub", "preferred_username", "name"), json(userInfo(port, "GET", profile)).keySet());

            String email = TestHttp.accessToken(tokensFor(browser, request(browser, "openid email", "x"), "jane"));
            assertEquals(Set.of("sub", "email", "email_verified"), json(userInfo(port, "POST", email)).keySet());

            HttpResponse<String> codeWithoutOpenid = tokensFor(browser, request(browser, "me profile email", "x"), "jane");
            assertNull(json(codeWithoutOpenid).get("id_token"), "no openid, no ID token");
            HttpResponse<String> insufficient = userInfo(port, "GET", TestHttp.accessToken(codeWithoutOpenid));
            assertEquals(403, insufficient.statusCode());
            assertEquals("insufficient_scope", json(insufficient).get("error"));
            assertTrue(insufficient.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
            // The password grant's token, even when it asks for openid: that grant is not OpenID Connect.
            HttpResponse<String> passwordGrant = new TestHttp(port).logIn("jane", PASSWORD, Map.of("scope", "openid me", "client_id", "web-app"));
            assertEquals(200, passwordGrant.statusCode());
            assertNull(json(passwordGrant).get("id_token"));
            assertEquals(403, userInfo(port, "GET", TestHttp.accessToken(passwordGrant)).statusCode());

            HttpResponse<String> none = userInfo(port, "GET", null);
            assertEquals(401, none.statusCode());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            HttpResponse<String> forged = userInfo(port, "POST", openidOnly.substring(0, openidOnly.length() - 2) + "AA");
            assertEquals(401, forged.statusCode());
            assertEquals("invalid_token", json(forged).get("error"));
            assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));

            // Revoked with its session (logout): userinfo refuses it as /users/me does.
            assertEquals(204, new TestHttp(port).logOut(openidOnly, false).statusCode());
            assertEquals(401, userInfo(port, "GET", openidOnly).statusCode());
        }
    }

    @Test
    void without_a_nonce_the_id_token_carries_none_and_each_nonce_comes_back_as_sent(@TempDir Path dataDir) throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            int port = gatehouse.port();
            registerJane(port);
            CodeFlowBrowser browser = new CodeFlowBrowser(port);
            String jwks = get(port, "/.well-known/jwks.json").body();

            Map<String, Object> without = json(tokensFor(browser, request(browser, "openid", null), "jane"));
            assertNull(IdTokenCheck.verify((String) without.get("id_token"), jwks, ISSUER, "web-app", null,
                    (String) without.get("access_token")).getClaim("nonce"));
            for (String nonce : List.of("a", "nonce with spaces & symbols ü", "x".repeat(255))) {
                Map<String, Object> with = json(tokensFor(browser, request(browser, "openid", nonce), "jane"));
                IdTokenCheck.verify((String) with.get("id_token"), jwks, ISSUER, "web-app", nonce, (String) with.get("access_token"));
                // Another nonce than the one sent is caught by the relying party's check.
                assertThrows(Exception.class, () -> IdTokenCheck.verify((String) with.get("id_token"), jwks, ISSUER, "web-app",
                        nonce + "-other", (String) with.get("access_token")));
            }
        }
    }

    @Test
    void max_age_asks_for_the_password_again_once_the_sign_in_is_older_and_auth_time_tells_when_it_was(@TempDir Path dataDir)
            throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), clock)) {
            int port = gatehouse.port();
            registerJane(port);
            CodeFlowBrowser browser = new CodeFlowBrowser(port);
            Map<String, Object> first = json(tokensFor(browser, request(browser, "openid", "1"), "jane"));
            String jwks = get(port, "/.well-known/jwks.json").body();
            long signedIn = IdTokenCheck.verify((String) first.get("id_token"), jwks, ISSUER, "web-app", "1",
                    (String) first.get("access_token")).getLongClaim("auth_time");

            clock.advance(Duration.ofSeconds(50));
            Map<String, String> withinMaxAge = request(browser, "openid", "2");
            withinMaxAge.put("max_age", "60");
            HttpResponse<String> quiet = browser.authorize(withinMaxAge);
            assertEquals(302, quiet.statusCode(), "within max_age the session still counts");
            Map<String, Object> second = json(browser.exchange(CodeFlowBrowser.queryOf(quiet).get("code")));
            assertEquals(signedIn, IdTokenCheck.verify((String) second.get("id_token"), jwks, ISSUER, "web-app", "2",
                    (String) second.get("access_token")).getLongClaim("auth_time"), "auth_time is the sign-in, not the code");

            clock.advance(Duration.ofSeconds(20));
            Map<String, String> beyond = request(browser, "openid", "3");
            beyond.put("max_age", "60");
            HttpResponse<String> page = browser.authorize(beyond);
            assertEquals(200, page.statusCode(), "70 s after signing in, max_age=60 shows the page");
            Map<String, String> silent = new LinkedHashMap<>(beyond);
            silent.put("prompt", "none");
            HttpResponse<String> loginRequired = browser.authorize(silent);
            assertEquals(302, loginRequired.statusCode());
            assertEquals("login_required", CodeFlowBrowser.queryOf(loginRequired).get("error"));
            Map<String, String> zero = request(browser, "openid", "4");
            zero.put("max_age", "0");
            assertEquals(200, browser.authorize(zero).statusCode(), "max_age=0 always asks");
            Map<String, String> bad = request(browser, "openid", "5");
            bad.put("max_age", "-1");
            assertEquals("invalid_request", CodeFlowBrowser.queryOf(browser.authorize(bad)).get("error"));

            HttpResponse<String> back = browser.signIn(page, "jane", PASSWORD);
            Map<String, Object> third = json(browser.exchange(CodeFlowBrowser.queryOf(back).get("code")));
            long again = IdTokenCheck.verify((String) third.get("id_token"), jwks, ISSUER, "web-app", "3",
                    (String) third.get("access_token")).getLongClaim("auth_time");
            assertEquals(signedIn + 70, again, 1, "the new sign-in's time");
            assertEquals(302, browser.authorize(beyond).statusCode(), "and the new session counts for max_age");
        }
    }

    @Test
    void openid_configuration_agrees_with_the_rfc_8414_metadata_on_every_shared_field(@TempDir Path dataDir) {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(DatabaseSettings.embedded(dataDir)), Clock.systemUTC())) {
            int port = gatehouse.port();
            HttpResponse<String> oidc = get(port, "/.well-known/openid-configuration");
            assertEquals(200, oidc.statusCode(), oidc.body());
            Map<String, Object> configuration = json(oidc);
            Map<String, Object> metadata = json(get(port, "/.well-known/oauth-authorization-server"));

            for (String field : metadata.keySet()) {
                assertEquals(metadata.get(field), configuration.get(field), field);
            }
            assertEquals(ISSUER, configuration.get("issuer"));
            String base = ((String) metadata.get("token_endpoint")).replace("/token", "");
            assertEquals(base + "/userinfo", configuration.get("userinfo_endpoint"));
            assertEquals(base + "/authorize", configuration.get("authorization_endpoint"));
            assertEquals(base + "/.well-known/jwks.json", configuration.get("jwks_uri"));
            assertEquals(List.of("public"), configuration.get("subject_types_supported"));
            assertEquals(List.of("ES256"), configuration.get("id_token_signing_alg_values_supported"));
            assertEquals(List.of("code"), configuration.get("response_types_supported"));
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) configuration.get("scopes_supported");
            assertTrue(scopes.containsAll(List.of("openid", "profile", "email", "me")), scopes.toString());
            @SuppressWarnings("unchecked")
            List<String> claims = (List<String>) configuration.get("claims_supported");
            assertTrue(claims.containsAll(List.of("sub", "iss", "auth_time", "nonce", "at_hash", "name", "email")), claims.toString());
        }
    }

    @Test
    void with_a_shared_secret_there_is_no_openid_configuration_and_no_id_token(@TempDir Path dataDir) {
        GatehouseSettings hs256 = GatehouseSettings.from(SettingSource.of(AuthorizationCodeFlowIT.withClients(
                Map.of("GATEHOUSE_JWT_ALGORITHM", "HS256"))))
                .withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(hs256, Clock.systemUTC())) {
            int port = gatehouse.port();
            assertEquals(404, get(port, "/.well-known/openid-configuration").statusCode());
            registerJane(port);
            CodeFlowBrowser browser = new CodeFlowBrowser(port);
            Map<String, Object> tokens = json(tokensFor(browser, request(browser, "openid", "n"), "jane"));
            assertNotNull(tokens.get("access_token"));
            assertNull(tokens.get("id_token"), "nobody could verify an ID token signed with the shared secret");
        }
    }
}
