package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.ReferenceTotp;
import dev.gatehouse.support.json.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two-factor sign-in on the sign-in page in a real browser, with the keyboard: the password, then the code that the
 * test's own RFC 6238 authenticator ({@link ReferenceTotp}, independent of the server's) computes from the secret the
 * enrolment showed, or one of the recovery codes; the browser lands on the client's redirect URI with a code the
 * client exchanges. A wrong code shows the form again with the error tied to the field. Uses Debian's chromium and
 * chromium-driver (run with {@code -Pbrowser}); the server's clock is the test's, so a code is never reused by chance.
 */
class SignInWithCodeBrowserIT {

    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .plusSeconds(5));
    private HttpServer relyingParty;
    private Gatehouse gatehouse;
    private WebDriver browser;
    private ReferenceTotp app;
    private List<String> recoveryCodes;

    @BeforeEach
    void start(@TempDir Path dataDir) throws IOException, InterruptedException {
        HeadlessChromium.requireInstalled();
        relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relyingParty.createContext("/callback", exchange -> {
            byte[] page = "<!DOCTYPE html><title>Back at the app</title><h1>Back at the app</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        relyingParty.start();
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(AuthorizationCodeFlowIT.withClients(Map.of())))
                .withDatabase(DatabaseSettings.embedded(dataDir)), clock);
        enrolJane();
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
    void a_person_signs_in_with_password_and_the_code_from_their_app() {
        CodeFlowBrowser client = new CodeFlowBrowser(gatehouse.port());
        WebDriverWait wait = typePassword(client);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        assertEquals("code", active().getAttribute("id"), "the code field has the focus");
        assertEquals("one-time-code", active().getAttribute("autocomplete"));
        assertEquals("numeric", active().getAttribute("inputmode"));
        active().sendKeys("000000" + Keys.ENTER);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertTrue(error.getText().contains("That code is not right"), error.getText());
        assertEquals("true", browser.findElement(By.id("code")).getAttribute("aria-invalid"));
        assertTrue(browser.getTitle().startsWith("Error: "), browser.getTitle());

        clock.advance(Duration.ofSeconds(30)); // past the wrong code's backoff, and to the next code
        active().sendKeys(app.codeAt(clock.instant()) + Keys.ENTER);

        assertLandedWithACode(wait, client);
    }

    @Test
    void a_person_without_their_phone_signs_in_with_a_recovery_code() {
        CodeFlowBrowser client = new CodeFlowBrowser(gatehouse.port());
        WebDriverWait wait = typePassword(client);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        active().sendKeys(Keys.TAB);
        assertEquals("recovery_code", active().getAttribute("id"), "Tab goes from the code to the recovery code");
        active().sendKeys(recoveryCodes.get(0) + Keys.ENTER);

        assertLandedWithACode(wait, client);
    }

    private WebDriverWait typePassword(CodeFlowBrowser client) {
        Map<String, String> request = client.request();
        request.put("redirect_uri", callback());
        browser.get("http://127.0.0.1:" + gatehouse.port() + "/authorize?" + CodeFlowBrowser.form(request));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        active().sendKeys("jane");
        active().sendKeys(Keys.TAB);
        active().sendKeys(PASSWORD + Keys.ENTER);
        return wait;
    }

    private void assertLandedWithACode(WebDriverWait wait, CodeFlowBrowser client) {
        wait.until(ExpectedConditions.titleIs("Back at the app"));
        URI landed = URI.create(browser.getCurrentUrl());
        assertEquals("/callback", landed.getPath());
        Map<String, String> query = CodeFlowBrowser.queryOf(landed);
        assertEquals("af0ifjsldkj", query.get("state"));
        HttpResponse<String> tokens = client.exchange(query.get("code"), callback(), client.verifier);
        assertEquals(200, tokens.statusCode(), tokens.body());
    }

    /** Enrols jane over the API, as her app would: the secret read off the otpauth URI, confirmed with its code. */
    private void enrolJane() throws IOException, InterruptedException {
        TestHttp api = new TestHttp(gatehouse.port());
        assertEquals(201, api.register("jane", PASSWORD).statusCode());
        String token = TestHttp.accessToken(api.logIn("jane", PASSWORD, Map.of("client_id", CodeFlowBrowser.CLIENT_ID)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(bearer("/users/me/two-factor", token, "{}"), HttpResponse.BodyHandlers.ofString());
        app = ReferenceTotp.scanning(JsonCodec.parseObject(started.body()).orElseThrow().getString("otpauth_uri"));
        HttpResponse<String> confirmed = http.send(bearer("/users/me/two-factor/confirm", token,
                "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        recoveryCodes = JsonCodec.parseObject(confirmed.body()).orElseThrow().getJsonArray("recovery_codes")
                .getValuesAs(jakarta.json.JsonString::getString);
        clock.advance(Duration.ofSeconds(30));
    }

    private HttpRequest bearer(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String callback() {
        return "http://127.0.0.1:" + relyingParty.getAddress().getPort() + "/callback";
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }
}
