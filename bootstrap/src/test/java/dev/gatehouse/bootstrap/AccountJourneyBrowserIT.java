package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * A person's whole journey through the account page in a real browser (Chromium), with mail delivered over SMTP to a
 * server the test runs (GreenMail): they register, verify their address from the mail, sign in on the sign-in page,
 * see an application's session and end it, enrol two-factor sign-in by reading the secret the page shows into the
 * test's own TOTP (below, written from RFC 6238, independent of Gatehouse's), sign out, sign in with password and code,
 * sign in with a recovery code, reset a forgotten password on the page the mailed link opens, and sign in with the new one. Run with
 * {@code -Pbrowser} (Debian's chromium and chromium-driver).
 */
class AccountJourneyBrowserIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:[0-9]+/[a-z-]+\\?token=[A-Za-z0-9_-]+)");

    private GreenMail smtp;
    private Gatehouse gatehouse;
    private WebDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        HeadlessChromium.requireInstalled();
        int smtpPort = freePort();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> settings = new java.util.HashMap<>(AccountPageITBase.settings(Map.of(
                "GATEHOUSE_PORT", Integer.toString(port),
                "GATEHOUSE_PUBLIC_URL", base,
                "GATEHOUSE_EMAIL_VERIFICATION", "required",
                "GATEHOUSE_SMTP_HOST", "127.0.0.1",
                "GATEHOUSE_SMTP_PORT", Integer.toString(smtpPort),
                "GATEHOUSE_SMTP_SECURITY", "none")));
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(settings)).withDatabase(DatabaseSettings.embedded(dataDir)),
                Clock.systemUTC());
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void a_person_verifies_enrols_two_factor_signs_in_with_codes_resets_the_password_and_ends_a_session() throws Exception {
        // Registers (through the API: Gatehouse has no registration page) and verifies the address from the mail.
        HttpResponse<String> registered = post("/users", "{\"username\":\"jane\",\"password\":\"" + PASSWORD
                + "\",\"email\":\"jane@example.com\",\"full_name\":\"Jane Doe\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        browser.get(linkIn(awaitMail(1)));
        click(By.xpath("//button[normalize-space()='Confirm my address']"));
        wait.until(ExpectedConditions.titleContains("Your address is confirmed"));

        // Signs in on the sign-in page, which sends the browser back to the account page.
        browser.get(base + "/account");
        signIn(PASSWORD);
        assertEquals("jane@example.com (verified)", text("profile-email"));
        assertEquals("Jane Doe", text("profile-full-name"));
        assertFitsAt200PercentZoom();
        browser.findElement(By.id("password-current")).click();
        active().sendKeys(Keys.TAB);
        assertEquals("password-new", active().getAttribute("id"), "Tab goes from the current to the new password");

        // An application's session shows up on the page, and the person ends it there.
        CodeFlowBrowser app = new CodeFlowBrowser(gatehouse.port());
        HttpResponse<String> appTokens = app.exchange(app.codeFor("jane", PASSWORD));
        assertEquals(200, appTokens.statusCode(), appTokens.body());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sessions"), "Sessions"));
        click(By.xpath("//tr[th[normalize-space()='web-app']]//button"));
        assertEquals("That session has ended: its device must sign in again.", text("notice"));
        assertTrue(browser.findElements(By.xpath("//tr[th[normalize-space()='web-app']]")).isEmpty(), "its row is gone");
        assertEquals(400, app.refresh(TestHttp.refreshToken(appTokens)).statusCode(), "the application's refresh token is refused");

        // Enrols two-factor sign-in: the secret the page shows goes into the test's own authenticator.
        click(By.xpath("//button[normalize-space()='Set up two-factor sign-in']"));
        String secret = text("two-factor-secret");
        assertFalse(browser.findElements(By.cssSelector("figure.qr svg")).isEmpty(), "the QR code, inline");
        Authenticator authenticator = new Authenticator(secret);
        long enrolledStep = authenticator.step();
        browser.findElement(By.id("two-factor-code")).sendKeys(authenticator.codeAt(enrolledStep) + Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery-codes")));
        List<String> recoveryCodes = browser.findElements(By.cssSelector("#recovery-codes code")).stream().map(WebElement::getText).toList();
        assertEquals(10, recoveryCodes.size());
        assertFitsAt200PercentZoom();

        // Signs out, and in again with password and a code (the next one: each code works once).
        signOut();
        click(By.linkText("Sign in to your account again"));
        typeUsernameAndPassword(PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        long next = authenticator.awaitStepAfter(enrolledStep);
        active().sendKeys(authenticator.codeAt(next) + Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("Your account – Gatehouse"));
        assertEquals("Two-factor sign-in is on.", text("two-factor-state"));

        // Signs out, and in with a recovery code instead.
        signOut();
        click(By.linkText("Sign in to your account again"));
        typeUsernameAndPassword(PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery_code")));
        browser.findElement(By.id("recovery_code")).sendKeys(recoveryCodes.get(0) + Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("Your account – Gatehouse"));

        // Forgets the password: the mailed link opens a page that asks for the new one.
        signOut();
        assertEquals(202, post("/password-reset", "{\"account\":\"jane\"}").statusCode());
        browser.get(linkIn(awaitMail(2)));
        wait.until(ExpectedConditions.titleIs("Choose a new password – Gatehouse"));
        assertEquals("new_password", active().getAttribute("id"), "the new password field has the focus");
        active().sendKeys(NEW_PASSWORD + Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("Your new password is set – Gatehouse"));

        browser.get(base + "/account");
        typeUsernameAndPassword(NEW_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery_code")));
        browser.findElement(By.id("recovery_code")).sendKeys(recoveryCodes.get(1) + Keys.ENTER);
        wait.until(ExpectedConditions.titleIs("Your account – Gatehouse"));
        assertEquals("jane", text("profile-username"));
    }

    private void signIn(String password) {
        typeUsernameAndPassword(password);
        wait.until(ExpectedConditions.titleIs("Your account – Gatehouse"));
    }

    private void typeUsernameAndPassword(String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertEquals("username", active().getAttribute("id"), "the username field has the focus");
        active().sendKeys("jane");
        active().sendKeys(Keys.TAB);
        active().sendKeys(password + Keys.ENTER);
    }

    private void signOut() {
        click(By.xpath("//form[input[@name='action' and @value='sign-out']]//button"));
        wait.until(ExpectedConditions.titleContains("Signed out"));
    }

    private void click(By button) {
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private String text(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    /** At 200 % zoom a 1280-pixel window is 640 CSS pixels wide: the page must not scroll sideways. */
    private void assertFitsAt200PercentZoom() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(640, 900));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "no horizontal scrolling at 640 CSS pixels");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    private MimeMessage awaitMail(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (smtp.getReceivedMessages().length < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertTrue(received.length >= count, "mail " + count + " did not arrive");
        return received[count - 1];
    }

    private static String linkIn(MimeMessage mail) throws Exception {
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), text);
        return link.group(1);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }


    /** The test's own authenticator app: RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) from a base32 key. */
    private static final class Authenticator {

        private final byte[] key;

        Authenticator(String base32) {
            this.key = base32Decode(base32);
        }

        long step() {
            return System.currentTimeMillis() / 30_000;
        }

        /** Waits until the clock is in a step after {@code step}, and answers it. */
        long awaitStepAfter(long step) throws InterruptedException {
            while (step() <= step) {
                Thread.sleep(250);
            }
            return step();
        }

        String codeAt(long step) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(key, "HmacSHA1"));
                byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
                int offset = hash[hash.length - 1] & 0x0f;
                int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
                return String.format("%06d", binary % 1_000_000);
            } catch (java.security.GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        private static byte[] base32Decode(String text) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : text.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT).toCharArray()) {
                buffer = (buffer << 5) | alphabet.indexOf(c);
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xff);
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }
}
