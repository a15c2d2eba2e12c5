package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-in page in a real browser, driven by the keyboard only: the username field has the focus, Tab reaches the
 * password, Enter sends the form, and the browser lands on the client's (loopback, any port) redirect URI with a
 * code that the client exchanges. A wrong password shows the page again with the error tied to the fields. Uses
 * Debian's chromium and chromium-driver (run with {@code -Pbrowser}).
 */
class SignInPageBrowserIT {

    private HttpServer relyingParty;
    private Gatehouse gatehouse;
    private WebDriver browser;

    @BeforeEach
    void start(@TempDir Path dataDir) throws IOException {
        HeadlessChromium.requireInstalled();
        // The client's redirect URI: a loopback listener on whatever port it gets (RFC 8252 section 7.3).
        relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relyingParty.createContext("/callback", exchange -> {
            byte[] page = "<!DOCTYPE html><title>Back at the app</title><h1>Back at the app</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        relyingParty.start();
        Map<String, String> settings = new HashMap<>(AuthorizationCodeFlowIT.withClients(Map.of("GATEHOUSE_DEMO", "true")));
        settings.remove("GATEHOUSE_JWT_SECRET");
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(settings)).withDatabase(DatabaseSettings.embedded(dataDir)),
                Clock.systemUTC());
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
    void a_person_signs_in_with_the_keyboard_and_lands_on_the_app_with_a_code() {
        CodeFlowBrowser client = new CodeFlowBrowser(gatehouse.port());
        browser.get(authorizeUrl(client));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertEquals("username", active().getAttribute("id"), "the username field has the focus");
        assertFitsAt200PercentZoom();

        active().sendKeys("johndoe");
        active().sendKeys(Keys.TAB);
        assertEquals("password", active().getAttribute("id"), "Tab goes from username to password");
        active().sendKeys("secret");
        active().sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.titleIs("Back at the app"));
        URI landed = URI.create(browser.getCurrentUrl());
        assertEquals("/callback", landed.getPath());
        Map<String, String> query = CodeFlowBrowser.queryOf(landed);
        assertEquals("af0ifjsldkj", query.get("state"));
        HttpResponse<String> tokens = client.exchange(query.get("code"),
                "http://127.0.0.1:" + relyingParty.getAddress().getPort() + "/callback", client.verifier);
        assertEquals(200, tokens.statusCode(), tokens.body());
    }

    @Test
    void a_wrong_password_shows_what_to_do_tied_to_the_fields() {
        browser.get(authorizeUrl(new CodeFlowBrowser(gatehouse.port())));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        active().sendKeys("johndoe");
        active().sendKeys(Keys.TAB);
        active().sendKeys("not the password" + Keys.ENTER);

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertTrue(error.getText().contains("The username or password is not right. Check them and try again"), error.getText());
        assertEquals("alert", error.getAttribute("role"));
        assertEquals("sign-in-error", browser.findElement(By.id("password")).getAttribute("aria-describedby"));
        assertEquals("true", browser.findElement(By.id("password")).getAttribute("aria-invalid"));
        assertEquals("johndoe", browser.findElement(By.id("username")).getAttribute("value"), "what was typed is kept");
        assertEquals("password", active().getAttribute("id"), "the focus is where the person has to act");
        assertTrue(browser.getTitle().startsWith("Error: "), browser.getTitle());
    }

    /** At 200 % zoom a 1280-pixel window is 640 CSS pixels wide: the page must not scroll sideways. */
    private void assertFitsAt200PercentZoom() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(640, 900));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "no horizontal scrolling at 640 CSS pixels");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    private String authorizeUrl(CodeFlowBrowser client) {
        Map<String, String> request = client.request();
        request.put("redirect_uri", "http://127.0.0.1:" + relyingParty.getAddress().getPort() + "/callback");
        return "http://127.0.0.1:" + gatehouse.port() + "/authorize?" + CodeFlowBrowser.form(request);
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }
}
