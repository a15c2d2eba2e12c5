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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The sign-in page's second step over HTTP, on two Gatehouse instances sharing one database and one clock the test
 * moves, with codes from the tests' own RFC 6238 authenticator: the password opens a challenge and a code form, the
 * code (or a recovery code) completes it, and only then are the code and the browser session issued; every forged or
 * replayed form is refused, each code works once, and wrong codes are throttled like passwords, in parallel too.
 */
abstract class SignInWithCodeITBase {

    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .plusSeconds(5));
    private Gatehouse first;
    private Gatehouse second;
    private ReferenceTotp app;
    private List<String> recoveryCodes;

    protected abstract DatabaseSettings freshDatabase();

    @BeforeEach
    void startTwoInstancesAndEnrolJane() {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(AuthorizationCodeFlowIT.withClients(Map.of())))
                .withDatabase(freshDatabase());
        first = Gatehouse.start(settings, clock);
        second = Gatehouse.start(settings, clock);
        TestHttp api = new TestHttp(first.port());
        assertEquals(201, api.register("jane", PASSWORD).statusCode());
        String token = TestHttp.accessToken(api.logIn("jane", PASSWORD, Map.of("client_id", CodeFlowBrowser.CLIENT_ID)));
        HttpResponse<String> started = call(first, "POST", "/users/me/two-factor", token, "{}");
        assertEquals(201, started.statusCode(), started.body());
        app = ReferenceTotp.scanning(json(started).getString("otpauth_uri"));
        HttpResponse<String> confirmed = call(second, "POST", "/users/me/two-factor/confirm", token,
                "{\"code\":\"" + app.codeAt(clock.instant()) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        recoveryCodes = json(confirmed).getJsonArray("recovery_codes").getValuesAs(jakarta.json.JsonString::getString);
        // The enrolment's code is spent: the sign-ins below use the next time step's.
        clock.advance(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void the_password_asks_for_the_code_and_the_code_signs_in_on_the_other_instance_and_only_then_the_session_starts() {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        HttpResponse<String> codePage = browser.signIn(browser.authorize(browser.request()), "jane", PASSWORD);

        assertEquals(200, codePage.statusCode(), codePage.body());
        assertTrue(codePage.body().contains("autocomplete=\"one-time-code\""), codePage.body());
        assertTrue(codePage.body().contains("inputmode=\"numeric\""), codePage.body());
        assertTrue(codePage.body().contains("action=\"/authorize/code\""), codePage.body());
        assertTrue(codePage.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertFalse(setsSession(codePage), "no browser session on the password alone");
        assertFalse(codePage.headers().firstValue("Location").isPresent(), "no code on the password alone");
        assertEquals(200, browser.authorize(browser.request()).statusCode(), "still signed out: the page again");

        HttpResponse<String> back = secondStep(second, browser, CodeFlowBrowser.hiddenFields(codePage), "code",
                app.codeAt(clock.instant()));

        assertEquals(303, back.statusCode(), back.body());
        assertTrue(back.headers().firstValue("Location").orElseThrow().startsWith(CodeFlowBrowser.CALLBACK + "?code="));
        assertTrue(setsSession(back), back.headers().toString());
        HttpResponse<String> tokens = browser.exchange(CodeFlowBrowser.queryOf(back).get("code"));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertEquals(200, new TestHttp(second.port()).me(TestHttp.accessToken(tokens)).statusCode());
        assertEquals(302, browser.authorize(browser.request()).statusCode(), "signed in now: straight back with a code");
    }

    @Test
    void a_recovery_code_signs_in_once() {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        String recovery = recoveryCodes.get(3);

        HttpResponse<String> back = secondStep(first, browser, codeForm(browser), "recovery_code", recovery);
        assertEquals(303, back.statusCode(), back.body());
        assertEquals(200, browser.exchange(CodeFlowBrowser.queryOf(back).get("code")).statusCode());

        CodeFlowBrowser another = new CodeFlowBrowser(first.port());
        HttpResponse<String> again = secondStep(second, another, codeForm(another), "recovery_code", recovery);
        assertEquals(401, again.statusCode(), "a recovery code works once");
        assertTrue(again.body().contains("That code is not right, or it was already used."), again.body());
    }

    @Test
    void a_code_is_accepted_once_and_a_used_form_not_again() {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        Map<String, String> form = codeForm(browser);
        String code = app.codeAt(clock.instant());
        assertEquals(303, secondStep(first, browser, form, "code", code).statusCode());

        HttpResponse<String> replayedForm = secondStep(second, browser, form, "code", code);
        assertEquals(403, replayedForm.statusCode(), "the form's challenge is used up");
        assertTrue(replayedForm.body().contains("This sign-in has expired"), replayedForm.body());
        CodeFlowBrowser another = new CodeFlowBrowser(second.port());
        assertEquals(401, secondStep(second, another, codeForm(another), "code", code).statusCode(),
                "the same code with a fresh challenge");
    }

    @Test
    void a_forged_or_replayed_second_step_form_is_refused_before_any_code_is_checked() {
        CodeFlowBrowser victim = new CodeFlowBrowser(first.port());
        Map<String, String> form = codeForm(victim);
        Map<String, String> otherForm = codeForm(victim);
        String code = app.codeAt(clock.instant());

        Map<String, String> withoutToken = new LinkedHashMap<>(form);
        withoutToken.remove("form_token");
        assertForged(secondStep(first, victim, withoutToken, "code", code));
        Map<String, String> withoutChallenge = new LinkedHashMap<>(form);
        withoutChallenge.remove("challenge");
        assertForged(secondStep(first, victim, withoutChallenge, "code", code));
        Map<String, String> anotherChallenge = new LinkedHashMap<>(form);
        anotherChallenge.put("challenge", otherForm.get("challenge"));
        assertForged(secondStep(first, victim, anotherChallenge, "code", code));
        Map<String, String> anotherRequest = new LinkedHashMap<>(form);
        anotherRequest.put("state", "attacker-state");
        assertForged(secondStep(first, victim, anotherRequest, "code", code));
        // Another site or another browser posting the form: without this browser's binding cookie.
        CodeFlowBrowser attacker = new CodeFlowBrowser(first.port());
        assertForged(secondStep(second, attacker, form, "code", code));

        // None of them checked a code: the right one works at once, with no throttle run up.
        HttpResponse<String> back = secondStep(second, victim, form, "code", code);
        assertEquals(303, back.statusCode(), back.body());
    }

    @Test
    void a_second_step_after_the_challenge_expired_is_refused() {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        Map<String, String> form = codeForm(browser);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> late = secondStep(second, browser, form, "code", app.codeAt(clock.instant()));

        assertEquals(403, late.statusCode(), late.body());
        assertFalse(late.headers().firstValue("Location").isPresent());
        assertFalse(setsSession(late));
    }

    @Test
    void wrong_codes_are_throttled_like_passwords_and_the_page_says_what_to_do() {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        Map<String, String> form = codeForm(browser);
        String right = app.codeAt(clock.instant());

        HttpResponse<String> wrong = secondStep(first, browser, form, "code", wrongCode(right));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Enter the code your authenticator app shows now"), wrong.body());
        assertTrue(wrong.body().contains("aria-describedby=\"sign-in-error code-hint\""), wrong.body());
        assertTrue(wrong.body().contains("name=\"challenge\""), "the same form again");
        HttpResponse<String> throttled = secondStep(second, browser, form, "code", right);
        assertEquals(429, throttled.statusCode(), "the account's backoff holds, even for the right code");
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        assertTrue(throttled.body().contains("too many attempts"), throttled.body());
        HttpResponse<String> empty = secondStep(first, browser, form, "code", "");
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Enter the 6-digit code"), empty.body());

        clock.advance(Duration.ofSeconds(2));
        assertEquals(303, secondStep(first, browser, form, "code", app.codeAt(clock.instant())).statusCode());
    }

    @Test
    void of_many_wrong_codes_at_once_for_one_challenge_at_most_the_throttle_budget_is_verified() throws Exception {
        CodeFlowBrowser browser = new CodeFlowBrowser(first.port());
        Map<String, String> form = codeForm(browser);
        String right = app.codeAt(clock.instant());
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Gatehouse instance = i % 2 == 0 ? first : second;
                String guess = String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000);
                answers.add(pool.submit(() -> {
                    start.await();
                    return secondStep(instance, browser, form, "code", guess);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }

        // One failure blocks the account (a one-second backoff): of the parallel guesses only one was verified.
        assertEquals(1, statuses.stream().filter(status -> status == 401).count(), statuses.toString());
        assertEquals(racers - 1, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(303, secondStep(second, browser, form, "code", app.codeAt(clock.instant())).statusCode(),
                "the guesses did not use up the challenge");
    }

    /** The password step in {@code browser}: the hidden fields of the code form it answers. */
    private Map<String, String> codeForm(CodeFlowBrowser browser) {
        HttpResponse<String> codePage = browser.signIn(browser.authorize(browser.request()), "jane", PASSWORD);
        assertEquals(200, codePage.statusCode(), codePage.body());
        Map<String, String> fields = CodeFlowBrowser.hiddenFields(codePage);
        assertTrue(fields.containsKey("challenge"), codePage.body());
        return fields;
    }

    /** Posts the second step's form with {@code field} set, from {@code browser} (its cookies) to {@code instance}. */
    private static HttpResponse<String> secondStep(Gatehouse instance, CodeFlowBrowser browser, Map<String, String> hidden,
                                                   String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(hidden);
        fields.put(field, value);
        try {
            return browser.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/authorize/code"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(CodeFlowBrowser.form(fields))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertForged(HttpResponse<String> answer) {
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("This sign-in form has expired"), answer.body());
        assertFalse(answer.headers().firstValue("Location").isPresent());
        assertFalse(setsSession(answer));
    }

    private static boolean setsSession(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("gatehouse_session="));
    }

    private static String wrongCode(String right) {
        return String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
    }

    private static HttpResponse<String> call(Gatehouse instance, String method, String path, String token, String body) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + instance.port() + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
