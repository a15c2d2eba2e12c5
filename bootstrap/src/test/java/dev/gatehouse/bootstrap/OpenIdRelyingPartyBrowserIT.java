package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OpenID Connect end to end in a real browser (Chromium, {@code -Pbrowser}) with a small relying party the test starts
 * (the JDK's HTTP server): it learns Gatehouse's endpoints from {@code /.well-known/openid-configuration}, sends the
 * browser to {@code /authorize} with its own state, nonce and PKCE challenge, the person signs in on Gatehouse's page,
 * and the relying party, back on its callback, checks the state, exchanges the code with its verifier, validates the ID
 * token with an independent JOSE library (Nimbus) against the published keys (signature, {@code iss}, {@code aud},
 * {@code exp}, {@code nonce}, {@code at_hash}), calls {@code /userinfo} and greets the person by the name it got there.
 * The test reads that page. Then the relying party asks again with {@code prompt=none} and is let through silently;
 * it logs the person out with its ID token (RP-Initiated Logout), is sent back to its post-logout page with its state,
 * and a silent sign-in then answers {@code login_required}.
 * Registered as a third party ({@code partner}), the relying party's user sees the consent page after signing in,
 * allows, and is not asked again on the next visit; asked again and refused, the relying party is told
 * {@code access_denied}.
 */
class OpenIdRelyingPartyBrowserIT {

    private HttpServer relyingParty;
    private Gatehouse gatehouse;
    private WebDriver browser;
    private SampleRelyingParty app;

    /**
     * The relying party: what any OpenID Connect client library does, written out. It keeps one pending request per
     * {@code state} (its nonce and PKCE verifier), and the last sign-in's tokens for the test to look at.
     */
    private static final class SampleRelyingParty {

        private final HttpClient http = HttpClient.newHttpClient();
        private final Map<String, String[]> pending = new ConcurrentHashMap<>();
        private final String redirectUri;
        private final Map<String, Object> provider;
        volatile JWTClaimsSet idTokenClaims;
        volatile String idToken;
        volatile String refreshToken;
        /** The state of the logout under way, which the post-logout page must bring back. */
        volatile String logoutState;
        private final String postLogoutRedirectUri;
        /** The client the relying party is registered as: first-party by default, {@code partner} is a third party. */
        volatile String clientId = CodeFlowBrowser.CLIENT_ID;

        SampleRelyingParty(String gatehouseBase, int ownPort) throws Exception {
            this.redirectUri = "http://127.0.0.1:" + ownPort + "/callback";
            this.postLogoutRedirectUri = "http://127.0.0.1:" + ownPort + "/logged-out";
            this.provider = JSONObjectUtils.parse(get(gatehouseBase + "/.well-known/openid-configuration", null).body());
        }

        /** {@code /login} and {@code /login?prompt=none}: off to the provider with a fresh state, nonce and verifier. */
        void login(HttpExchange exchange) throws IOException {
            String state = random();
            String nonce = random();
            String verifier = random();
            pending.put(state, new String[] {nonce, verifier});
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", clientId);
            query.put("redirect_uri", redirectUri);
            query.put("scope", "openid profile email");
            query.put("state", state);
            query.put("nonce", nonce);
            query.put("code_challenge", CodeFlowBrowser.challenge(verifier));
            query.put("code_challenge_method", "S256");
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null && raw.contains("prompt=none")) {
                query.put("prompt", "none");
            }
            if (raw != null && raw.contains("prompt=consent")) {
                query.put("prompt", "consent");
            }
            exchange.getResponseHeaders().add("Location", provider.get("authorization_endpoint") + "?" + CodeFlowBrowser.form(query));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        /** {@code /callback}: check, exchange, validate, ask userinfo, greet (or show what went wrong). */
        void callback(HttpExchange exchange) throws IOException {
            String page;
            try {
                Map<String, String> query = CodeFlowBrowser.queryOf(exchange.getRequestURI());
                String[] sent = pending.remove(query.get("state"));
                if (sent == null) {
                    throw new IllegalStateException("unknown state");
                }
                if (query.containsKey("error")) {
                    throw new IllegalStateException(query.get("error"));
                }
                if (!provider.get("issuer").equals(query.get("iss"))) {
                    throw new IllegalStateException("mix-up: iss " + query.get("iss"));
                }
                HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create((String) provider.get("token_endpoint")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(CodeFlowBrowser.form(Map.of("grant_type", "authorization_code",
                                "code", query.get("code"), "redirect_uri", redirectUri, "code_verifier", sent[1],
                                "client_id", clientId)))).build(), HttpResponse.BodyHandlers.ofString());
                Map<String, Object> body = JSONObjectUtils.parse(tokens.body());
                String accessToken = (String) body.get("access_token");
                idToken = (String) body.get("id_token");
                idTokenClaims = IdTokenCheck.verify(idToken, get((String) provider.get("jwks_uri"), null).body(),
                        (String) provider.get("issuer"), clientId, sent[0], accessToken);
                refreshToken = (String) body.get("refresh_token");
                Map<String, Object> userInfo = JSONObjectUtils.parse(get((String) provider.get("userinfo_endpoint"), accessToken).body());
                if (!idTokenClaims.getSubject().equals(userInfo.get("sub"))) {
                    throw new IllegalStateException("userinfo is about someone else");
                }
                page = "<!DOCTYPE html><title>Sample app</title><h1 id=\"greeting\">Hello, " + escape((String) userInfo.get("name"))
                        + "</h1>";
            } catch (Exception failed) {
                page = "<!DOCTYPE html><title>Sample app</title><h1 id=\"error\">" + escape(String.valueOf(failed.getMessage()))
                        + "</h1>";
            }
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        /** {@code /logout}: off to the provider's end-session endpoint with the ID token as proof (RP-Initiated Logout). */
        void logout(HttpExchange exchange) throws IOException {
            logoutState = random();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("id_token_hint", idToken);
            query.put("client_id", clientId);
            query.put("post_logout_redirect_uri", postLogoutRedirectUri);
            query.put("state", logoutState);
            exchange.getResponseHeaders().add("Location", provider.get("end_session_endpoint") + "?" + CodeFlowBrowser.form(query));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        /** {@code /logged-out}: where the provider sends the browser back, with the logout's state. */
        void loggedOut(HttpExchange exchange) throws IOException {
            Map<String, String> query = CodeFlowBrowser.queryOf(exchange.getRequestURI());
            String page = logoutState != null && logoutState.equals(query.get("state"))
                    ? "<!DOCTYPE html><title>Sample app</title><h1 id=\"signed-out\">Signed out</h1>"
                    : "<!DOCTYPE html><title>Sample app</title><h1 id=\"error\">logout state mismatch</h1>";
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private HttpResponse<String> get(String url, String bearer) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        HeadlessChromium.requireInstalled();
        relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> settings = new HashMap<>(OpenIdConnectIT.oidcSettings(Map.of("GATEHOUSE_DEMO", "true",
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,partner:public",
                "GATEHOUSE_CLIENT_REDIRECT_URIS", "web-app=" + CodeFlowBrowser.CALLBACK + ";partner=" + CodeFlowBrowser.CALLBACK,
                "GATEHOUSE_CLIENT_POST_LOGOUT_REDIRECT_URIS", "web-app=http://127.0.0.1:" + relyingParty.getAddress().getPort()
                        + "/logged-out")));
        settings.remove("GATEHOUSE_JWT_SECRET");
        settings.remove("GATEHOUSE_ISSUER");
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(settings)).withDatabase(DatabaseSettings.embedded(dataDir)),
                Clock.systemUTC());
        app = new SampleRelyingParty("http://127.0.0.1:" + gatehouse.port(), relyingParty.getAddress().getPort());
        relyingParty.createContext("/login", app::login);
        relyingParty.createContext("/callback", app::callback);
        relyingParty.createContext("/logout", app::logout);
        relyingParty.createContext("/logged-out", app::loggedOut);
        relyingParty.start();
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
        if (relyingParty != null) {
            relyingParty.stop(0);
        }
    }

    @Test
    void a_relying_party_signs_a_person_in_validates_the_id_token_and_greets_them_by_their_userinfo_name() {
        String app = "http://127.0.0.1:" + relyingParty.getAddress().getPort();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(app + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("johndoe");
        browser.findElement(By.id("password")).sendKeys("secret");
        browser.findElement(By.id("password")).submit();

        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("", errorOnPage());
        assertEquals("Hello, John Doe", browser.findElement(By.id("greeting")).getText());
        assertEquals("johndoe", this.app.idTokenClaims.getClaim("preferred_username"));

        // Signed in at Gatehouse: prompt=none goes through without a page, with a new, valid ID token.
        browser.get(app + "/login?prompt=none");
        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("", errorOnPage());
        assertEquals("Hello, John Doe", browser.findElement(By.id("greeting")).getText());

        // The relying party logs the person out with its ID token: Gatehouse ends the browser session and sends the
        // browser back to the registered post-logout page with the state; a silent sign-in then finds no session.
        browser.get(app + "/logout");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        assertEquals("", errorOnPage());
        browser.get(app + "/login?prompt=none");
        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("login_required", errorOnPage());
    }

    @Test
    void a_third_party_relying_partys_user_allows_it_once_is_not_asked_again_and_a_refusal_reaches_it_as_access_denied() {
        String app = "http://127.0.0.1:" + relyingParty.getAddress().getPort();
        this.app.clientId = "partner";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(app + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("johndoe");
        browser.findElement(By.id("password")).sendKeys("secret");
        browser.findElement(By.id("password")).submit();

        // The consent page, in words: who asks, for what; focus on Allow, Deny beside it; no script needed.
        WebElement allow = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[value=allow]")));
        assertEquals("Allow partner to use your account? – Gatehouse", browser.getTitle());
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("See your username and your name"), page);
        assertTrue(page.contains("See your email address"), page);
        assertTrue(page.contains("signed in as johndoe"), page);
        assertEquals(allow, browser.switchTo().activeElement(), "the first button has the focus");
        allow.click();
        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("", errorOnPage());
        assertEquals("Hello, John Doe", browser.findElement(By.id("greeting")).getText());
        assertEquals("partner", this.app.idTokenClaims.getAudience().getFirst());

        // Remembered: the next visit goes straight through, no sign-in page and no consent page.
        browser.get(app + "/login");
        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("Hello, John Doe", browser.findElement(By.id("greeting")).getText());

        // Asked again on purpose (prompt=consent) and refused: the relying party hears access_denied.
        browser.get(app + "/login?prompt=consent");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[value=deny]"))).click();
        wait.until(ExpectedConditions.titleIs("Sample app"));
        assertEquals("access_denied", errorOnPage());
    }

    private String errorOnPage() {
        return browser.findElements(By.id("error")).stream().map(element -> element.getText()).findFirst().orElse("");
    }
}
