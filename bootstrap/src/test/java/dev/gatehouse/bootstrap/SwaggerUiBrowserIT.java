package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new user's first five minutes, in a real browser: open {@code /docs}, authorize as the demo user through
 * Swagger UI's password-flow dialog, execute {@code GET /users/me}, and read the answer on the page. Uses
 * Debian's chromium and chromium-driver (run with {@code -Pbrowser}; {@code .ci/run} installs them).
 */
class SwaggerUiBrowserIT {

    @Test
    void a_visitor_authorizes_in_swagger_ui_and_reads_their_own_profile(@TempDir Path dataDir) {
        HeadlessChromium.requireInstalled();
        GatehouseSettings demo = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_DEMO", "true",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(demo, Clock.systemUTC())) {
            WebDriver browser = HeadlessChromium.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get("http://127.0.0.1:" + gatehouse.port() + "/docs");

                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".scheme-container button.authorize"))).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oauth_username"))).sendKeys("johndoe");
                browser.findElement(By.id("oauth_password")).sendKeys("secret");
                browser.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-btn-wrapper button.btn-done"))).click();

                WebElement usersMe = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//div[contains(@class,'opblock-get')]//*[contains(@class,'opblock-summary-path') and @data-path='/users/me']")));
                usersMe.click();
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".opblock.is-open .try-out__btn"))).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".opblock.is-open button.execute"))).click();

                By shownBody = By.cssSelector(".opblock.is-open .live-responses-table .response-col_description pre");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(shownBody, "johndoe"));
                String shown = browser.findElement(shownBody).getText();
                assertTrue(shown.contains("\"full_name\": \"John Doe\""), shown);
                String status = browser.findElement(By.cssSelector(".opblock.is-open .live-responses-table tbody .response-col_status")).getText();
                assertTrue(status.contains("200"), status);
            } finally {
                browser.quit();
            }
        }
    }
}
