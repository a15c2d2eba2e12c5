package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.ReferenceTotp;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GATEHOUSE_2FA_REQUIRED_ROLES=admin} over HTTP: an administrator without a second factor gets no admin-scoped
 * token by the password grant (403 {@code mfa_enrollment_required}) nor through the sign-in page (a message, no code),
 * still gets an ordinary token and enrols with it, and then gets the admin scope through the second factor. A refresh
 * of an admin session after the second factor is removed leaves the admin scope out.
 */
class SecondFactorRequiredRolesIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String MFA_OTP = "urn:gatehouse:params:oauth:grant-type:mfa-otp";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .plusSeconds(5));
    private final HttpClient http = HttpClient.newHttpClient();
    private Gatehouse gatehouse;
    private TestHttp api;

    @BeforeEach
    void start(@TempDir Path dataDir) {
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(AuthorizationCodeFlowIT.withClients(Map.of(
                "GATEHOUSE_2FA_REQUIRED_ROLES", "admin")))).withDatabase(DatabaseSettings.embedded(dataDir)), clock);
        api = new TestHttp(gatehouse.port());
        assertEquals(201, api.register("root", PASSWORD).statusCode());
        User root = gatehouse.ports().users().findByUsername(new Username("root")).orElseThrow();
        gatehouse.ports().users().change(root.id(), stored -> stored.withRole(Role.ADMIN));
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    @Test
    void an_administrator_without_a_second_factor_gets_no_admin_token_but_an_ordinary_one_to_enrol() {
        HttpResponse<String> admin = logIn("admin");
        assertEquals(403, admin.statusCode(), admin.body());
        assertEquals("mfa_enrollment_required", json(admin).getString("error"));
        assertTrue(json(admin).getString("error_description").contains("/users/me/two-factor"), admin.body());
        assertTrue(admin.headers().firstValue("Cache-Control").orElse("").contains("no-store"));

        HttpResponse<String> ordinary = logIn("me");
        assertEquals(200, ordinary.statusCode(), ordinary.body());
        String token = TestHttp.accessToken(ordinary);
        assertEquals(403, api.admin("GET", "", token).statusCode(), "an ordinary token is no admin token");

        ReferenceTotp app = ReferenceTotp.scanning(json(bearer("/users/me/two-factor", token, "{}")).getString("otpauth_uri"));
        HttpResponse<String> confirmed = bearer("/users/me/two-factor/confirm", token, "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        clock.advance(Duration.ofSeconds(30));

        HttpResponse<String> challenged = logIn("admin");
        assertEquals(403, challenged.statusCode());
        assertEquals("mfa_required", json(challenged).getString("error"), "enrolled: the second factor, not a refusal");
        HttpResponse<String> completed = form("/token", Map.of("grant_type", MFA_OTP, "client_id", CodeFlowBrowser.CLIENT_ID,
                "mfa_token", json(challenged).getString("mfa_token"), "otp", app.codeAt(clock.instant())));
        assertEquals(200, completed.statusCode(), completed.body());
        assertEquals(200, api.admin("GET", "", TestHttp.accessToken(completed)).statusCode());

        // The second factor removed: the admin session's next access token leaves the admin scope out.
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> removed = http("DELETE", "/users/me/two-factor", TestHttp.accessToken(completed),
                "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}");
        assertEquals(204, removed.statusCode(), removed.body());
        HttpResponse<String> refreshed = form("/token", Map.of("grant_type", "refresh_token", "client_id",
                CodeFlowBrowser.CLIENT_ID, "refresh_token", TestHttp.refreshToken(completed)));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(403, api.admin("GET", "", TestHttp.accessToken(refreshed)).statusCode());
    }

    @Test
    void the_sign_in_page_tells_an_administrator_without_a_second_factor_to_enrol_and_issues_nothing() {
        CodeFlowBrowser browser = new CodeFlowBrowser(gatehouse.port());
        Map<String, String> asAdmin = new LinkedHashMap<>(browser.request());
        asAdmin.put("scope", "admin");

        HttpResponse<String> refused = browser.signIn(browser.authorize(asAdmin), "root", PASSWORD);

        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("set up an authenticator app for your account"), refused.body());
        assertTrue(refused.headers().firstValue("Location").isEmpty());
        assertTrue(refused.headers().allValues("Set-Cookie").stream().noneMatch(cookie -> cookie.startsWith("gatehouse_session=")));
        assertEquals(303, browser.signIn(browser.authorize(browser.request()), "root", PASSWORD).statusCode(),
                "without the admin scope, the page signs in");
    }

    private HttpResponse<String> logIn(String scope) {
        return api.logIn("root", PASSWORD, Map.of("scope", scope, "client_id", CodeFlowBrowser.CLIENT_ID));
    }

    private HttpResponse<String> bearer(String path, String token, String body) {
        return http("POST", path, token, body);
    }

    private HttpResponse<String> http(String method, String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> answer) {
        return JsonCodec.parseObject(answer.body()).orElseThrow(() -> new AssertionError("not a JSON object: " + answer.body()));
    }
}
