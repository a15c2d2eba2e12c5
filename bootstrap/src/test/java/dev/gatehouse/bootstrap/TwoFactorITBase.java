package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.ReferenceTotp;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in over HTTP on two Gatehouse instances sharing one database and one clock the test moves, with
 * codes from the tests' own RFC 6238 authenticator: enrolment, the password grant's {@code mfa_required}, the mfa-otp
 * grant, and the races a replayed code or recovery code runs across the instances.
 */
abstract class TwoFactorITBase {

    private static final String PASSWORD = "correct horse battery";
    private static final String MFA_OTP = "urn:gatehouse:params:oauth:grant-type:mfa-otp";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .plusSeconds(5));
    private final HttpClient http = HttpClient.newHttpClient();
    private Gatehouse first;
    private Gatehouse second;
    private ReferenceTotp app;
    private List<String> recoveryCodes;

    protected abstract DatabaseSettings freshDatabase();

    @BeforeEach
    void startTwoInstances() {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1")))).withDatabase(freshDatabase());
        first = Gatehouse.start(settings, clock);
        second = Gatehouse.start(settings, clock);
        assertEquals(201, new TestHttp(first.port()).register("jane", PASSWORD).statusCode());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void enrolment_then_the_password_alone_gets_no_token_and_the_code_completes_the_login_on_the_other_instance() {
        String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        HttpResponse<String> started = call(first, "POST", "/users/me/two-factor", token, "");
        assertEquals(201, started.statusCode(), started.body());
        JsonObject enrolment = json(started);
        assertTrue(enrolment.getString("otpauth_uri").startsWith("otpauth://totp/Gatehouse:jane?secret="));
        assertTrue(enrolment.getString("qr_code_svg").startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        app = ReferenceTotp.scanning(enrolment.getString("otpauth_uri"));

        HttpResponse<String> confirmed = call(second, "POST", "/users/me/two-factor/confirm", token,
                "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals(10, json(confirmed).getJsonArray("recovery_codes").size());

        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> first403 = new TestHttp(first.port()).logIn("jane", PASSWORD, Map.of("scope", "me"));
        assertEquals(403, first403.statusCode(), first403.body());
        JsonObject required = json(first403);
        assertEquals("mfa_required", required.getString("error"));
        assertFalse(required.containsKey("access_token"));
        assertTrue(required.getJsonNumber("expires_in").longValue() <= 300);

        String code = app.codeAt(clock.instant());
        HttpResponse<String> completed = mfaOtp(second, required.getString("mfa_token"), "otp", code);
        assertEquals(200, completed.statusCode(), completed.body());
        JsonObject tokens = json(completed);
        assertEquals("me", tokens.getString("scope"));
        assertTrue(tokens.containsKey("refresh_token"));
        assertEquals(200, new TestHttp(first.port()).me(tokens.getString("access_token")).statusCode());

        // The same mfa_token again, and the same code with a fresh one: both refused.
        assertEquals(400, mfaOtp(first, required.getString("mfa_token"), "otp", code).statusCode());
        HttpResponse<String> replay = mfaOtp(first, mfaToken(first), "otp", code);
        assertEquals(400, replay.statusCode(), replay.body());
        assertEquals("invalid_grant", json(replay).getString("error"));
    }

    @Test
    void of_many_parallel_uses_of_one_code_on_two_instances_exactly_one_signs_in() throws Exception {
        enrol();
        clock.advance(Duration.ofSeconds(30));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(mfaToken(i % 2 == 0 ? first : second));
        }
        String code = app.codeAt(clock.instant());

        assertEquals(1, race(tokens, (token, index) -> mfaOtp(index % 2 == 0 ? first : second, token, "otp", code)));
    }

    @Test
    void of_sixteen_parallel_uses_of_one_recovery_code_on_two_instances_exactly_one_signs_in() throws Exception {
        enrol();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tokens.add(mfaToken(i % 2 == 0 ? first : second));
        }
        String code = recoveryCodes.get(0);

        assertEquals(1, race(tokens, (token, index) -> mfaOtp(index % 2 == 0 ? first : second, token, "recovery_code", code)));
    }

    @Test
    void wrong_codes_are_throttled_across_instances() {
        enrol();
        clock.advance(Duration.ofSeconds(30));
        String token = mfaToken(first);
        String right = app.codeAt(clock.instant());
        String wrong = right.charAt(0) == '9' ? "0" + right.substring(1) : (char) (right.charAt(0) + 1) + right.substring(1);

        assertEquals(400, mfaOtp(first, token, "otp", wrong).statusCode());
        HttpResponse<String> throttled = mfaOtp(second, token, "otp", right);

        assertEquals(400, throttled.statusCode(), throttled.body());
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, mfaOtp(second, token, "otp", app.codeAt(clock.instant())).statusCode());
    }

    @Test
    void removal_with_the_password_returns_the_account_to_password_logins() {
        enrol();
        clock.advance(Duration.ofSeconds(30));
        String token = json(mfaOtp(first, mfaToken(first), "otp", app.codeAt(clock.instant()))).getString("access_token");

        assertEquals(400, call(second, "DELETE", "/users/me/two-factor", token, "{\"password\":\"wrong password\"}").statusCode());
        // Past the one-second backoff of one wrong password, well within the access token's lifetime.
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> removed = call(second, "DELETE", "/users/me/two-factor", token, "{\"password\":\"" + PASSWORD + "\"}");

        assertEquals(204, removed.statusCode(), removed.body());
        assertEquals(200, new TestHttp(first.port()).logIn("jane", PASSWORD).statusCode());
    }

    @Test
    void the_metadata_names_the_mfa_otp_grant() {
        HttpResponse<String> metadata = new TestHttp(first.port()).get("/.well-known/oauth-authorization-server");

        assertTrue(metadata.body().contains(MFA_OTP), metadata.body());
    }

    private void enrol() {
        String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        app = ReferenceTotp.scanning(json(call(first, "POST", "/users/me/two-factor", token, "")).getString("otpauth_uri"));
        HttpResponse<String> confirmed = call(second, "POST", "/users/me/two-factor/confirm", token,
                "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}");
        recoveryCodes = json(confirmed).getJsonArray("recovery_codes").getValuesAs(jakarta.json.JsonString::getString);
    }

    private String mfaToken(Gatehouse instance) {
        HttpResponse<String> answer = new TestHttp(instance.port()).logIn("jane", PASSWORD);
        assertEquals(403, answer.statusCode(), answer.body());
        return json(answer).getString("mfa_token");
    }

    private interface Attempt {
        HttpResponse<String> run(String token, int index);
    }

    private static int race(List<String> tokens, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return attempt.run(tokens.get(index), index);
                }));
            }
            start.countDown();
            int signedIn = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                int status = answer.get().statusCode();
                assertTrue(status == 200 || status == 400, "status " + status + ": " + answer.get().body());
                signedIn += status == 200 ? 1 : 0;
            }
            return signedIn;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> mfaOtp(Gatehouse instance, String mfaToken, String field, String code) {
        String form = "grant_type=" + URLEncoder.encode(MFA_OTP, StandardCharsets.UTF_8) + "&mfa_token="
                + URLEncoder.encode(mfaToken, StandardCharsets.UTF_8) + "&" + field + "=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri(instance, "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> call(Gatehouse instance, String method, String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(instance, path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonObject json(HttpResponse<String> answer) {
        return JsonCodec.parseObject(answer.body()).orElseThrow(() -> new AssertionError("not a JSON object: " + answer.body()));
    }

    private static URI uri(Gatehouse instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
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
}
