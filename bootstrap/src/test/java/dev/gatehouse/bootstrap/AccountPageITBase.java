package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.ReferenceTotp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account page over HTTP on the whole assembly: reached through the sign-in page as Gatehouse's own client, each
 * action's outcome shown on the page after a redirect, and the attacks it must stop (a forged form, another person's
 * session, no session at all, input that must not cause a 5xx).
 */
abstract class AccountPageITBase {

    static final String PASSWORD = "correct horse battery";
    static final String PUBLIC_URL = "https://auth.example.com";
    private static final Pattern SECRET = Pattern.compile("<code id=\"two-factor-secret\">([A-Z2-7]+)</code>");
    private static final Pattern APP_ROW = Pattern.compile("<th scope=\"row\">web-app</th>[\\s\\S]*?name=\"session_id\" value=\"([^\"]+)\"");
    private static final Pattern RECOVERY = Pattern.compile("<li><code>([^<]+)</code></li>");

    /** Longer than the account's login backoff after one wrong password or code. */
    private static final Duration WRONG_PASSWORD_BACKOFF = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5));
    private Gatehouse gatehouse;

    protected abstract DatabaseSettings freshDatabase();

    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(RequestBudgets.off(Map.of(
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_JWT_SECRET", "an-integration-test-secret-of-32-bytes-or-more",
                "GATEHOUSE_SECURE_COOKIES", "false",
                "GATEHOUSE_ISSUER", PUBLIC_URL,
                "GATEHOUSE_PUBLIC_URL", PUBLIC_URL,
                "GATEHOUSE_EMAIL_VERIFICATION", "optional",
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,partner:public",
                "GATEHOUSE_CLIENT_REDIRECT_URIS", "web-app=" + CodeFlowBrowser.CALLBACK + ";partner=" + CodeFlowBrowser.CALLBACK)));
        settings.putAll(more);
        return settings;
    }

    @BeforeEach
    void start() {
        gatehouse = Gatehouse.start(GatehouseSettings.from(SettingSource.of(settings(Map.of()))).withDatabase(freshDatabase()), clock);
        register("jane", "jane@example.com", "Jane Doe");
        register("john", "john@example.com", "John Doe");
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    @Test
    void without_a_session_the_page_sends_the_browser_to_sign_in_and_back_and_shows_the_profile() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> start = browser.get("/account");
        assertEquals(303, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/authorize?response_type=code&client_id=gatehouse-account&redirect_uri="
                + "https%3A%2F%2Fauth.example.com%2Faccount%2Fcallback&state="), location);
        assertTrue(location.endsWith("&code_challenge_method=S256"), location);
        HttpResponse<String> postWithoutSession = browser.postRaw("application/x-www-form-urlencoded", "action=sign-out");
        assertEquals(303, postWithoutSession.statusCode(), "a form without a session goes to the page, which asks to sign in");
        assertEquals("/account", postWithoutSession.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> page = browser.signIn("jane", PASSWORD);

        assertTrue(page.body().contains("<dd id=\"profile-username\">jane</dd>"), page.body());
        assertTrue(page.body().contains("<dd id=\"profile-full-name\">Jane Doe</dd>"), page.body());
        assertTrue(page.body().contains("jane@example.com (not verified yet)"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertTrue(page.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertEquals(1, AccountBrowser.sessionIds(page).size(), "the account page's own session");
        assertTrue(page.body().contains("This account page <strong>(this browser)</strong>"), page.body());
        assertEquals(200, browser.get("/account").statusCode(), "the page's cookies keep the person signed in");
        HttpResponse<String> forgedCallback = new AccountBrowser(gatehouse.port()).get("/account/callback?code=abc&state=def");
        assertEquals(400, forgedCallback.statusCode(), "a callback this browser did not start finishes nothing");
    }

    @Test
    void a_wrong_current_password_is_shown_and_the_right_one_changes_it_ending_other_sessions_but_not_this_page() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = browser.signIn("jane", PASSWORD);
        CodeFlowBrowser app = new CodeFlowBrowser(gatehouse.port());
        String elsewhere = TestHttp.accessToken(app.exchange(codeFor(app)));

        HttpResponse<String> wrong = browser.act(page, "change-password",
                Map.of("current_password", "not my password", "new_password", "another good password"));
        assertEquals(303, wrong.statusCode(), wrong.body());
        HttpResponse<String> shown = browser.follow(wrong);
        assertEquals("The current password is not right. Your password was not changed.", AccountBrowser.notice(shown));
        assertTrue(shown.body().contains("role=\"alert\""), shown.body());
        assertEquals("", AccountBrowser.notice(browser.get("/account")), "a notice is shown once");
        clock.advance(WRONG_PASSWORD_BACKOFF);

        HttpResponse<String> weak = browser.actAndFollow(shown, "change-password",
                Map.of("current_password", PASSWORD, "new_password", "short"));
        assertTrue(AccountBrowser.notice(weak).startsWith("The new password cannot be used"), AccountBrowser.notice(weak));

        HttpResponse<String> changed = browser.actAndFollow(weak, "change-password",
                Map.of("current_password", PASSWORD, "new_password", "another good password"));
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(AccountBrowser.notice(changed).startsWith("Your password is changed."), changed.body());
        assertEquals(401, new TestHttp(gatehouse.port()).me(elsewhere).statusCode(), "the other session ended");
        assertEquals(200, browser.get("/account").statusCode(), "this page goes on with the session the change gave it");
        assertEquals(1, AccountBrowser.sessionIds(browser.get("/account")).size());
    }

    @Test
    void the_email_address_changes_on_the_password_and_a_new_verification_link_can_be_asked_for() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = browser.signIn("jane", PASSWORD);

        HttpResponse<String> resent = browser.actAndFollow(page, "send-verification", Map.of());
        assertEquals("A new verification link is on its way to your unverified address.", AccountBrowser.notice(resent));
        HttpResponse<String> wrong = browser.actAndFollow(resent, "change-email",
                Map.of("email", "jane@example.org", "current_password", "not my password"));
        assertEquals("The password is not right. Your email address was not changed.", AccountBrowser.notice(wrong));
        clock.advance(WRONG_PASSWORD_BACKOFF);
        HttpResponse<String> invalid = browser.actAndFollow(wrong, "change-email",
                Map.of("email", "not an address", "current_password", PASSWORD));
        assertEquals("Enter the new email address in full, like name@example.com.", AccountBrowser.notice(invalid));
        HttpResponse<String> requested = browser.actAndFollow(invalid, "change-email",
                Map.of("email", "jane@example.org", "current_password", PASSWORD));
        assertEquals("A link is on its way to jane@example.org. Your address changes when you open it.",
                AccountBrowser.notice(requested));
        assertTrue(requested.body().contains("jane@example.com (not verified yet)"), "the address waits for its link");
    }

    @Test
    void two_factor_is_enrolled_with_the_shown_secret_its_codes_shown_once_regenerated_and_removed() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = browser.signIn("jane", PASSWORD);

        HttpResponse<String> started = browser.act(page, "start-two-factor", Map.of());
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the QR code, inline");
        Matcher secret = SECRET.matcher(started.body());
        assertTrue(secret.find(), started.body());
        ReferenceTotp app = ReferenceTotp.fromBase32(secret.group(1));

        HttpResponse<String> wrongCode = browser.actAndFollow(started, "confirm-two-factor", Map.of("code", "000000"));
        assertTrue(AccountBrowser.notice(wrongCode).startsWith("That code was not right."), AccountBrowser.notice(wrongCode));
        clock.advance(WRONG_PASSWORD_BACKOFF);
        started = browser.act(wrongCode, "start-two-factor", Map.of());
        secret = SECRET.matcher(started.body());
        assertTrue(secret.find());
        app = ReferenceTotp.fromBase32(secret.group(1));
        HttpResponse<String> confirmed = browser.act(started, "confirm-two-factor", Map.of("code", app.codeAt(clock.instant())));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        List<String> codes = RECOVERY.matcher(confirmed.body()).results().map(result -> result.group(1)).toList();
        assertEquals(10, codes.size(), confirmed.body());
        assertTrue(confirmed.body().contains("Two-factor sign-in is on."), confirmed.body());
        assertTrue(confirmed.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        HttpResponse<String> later = browser.get("/account");
        assertTrue(RECOVERY.matcher(later.body()).results().findAny().isEmpty(), "the codes are shown once");
        assertTrue(later.body().contains("<p id=\"two-factor-state\">Two-factor sign-in is on.</p>"), later.body());
        HttpResponse<String> grant = new TestHttp(gatehouse.port()).logIn("jane", PASSWORD, Map.of("client_id", "web-app"));
        assertTrue(grant.body().contains("mfa_required"), "the password alone is not enough now: " + grant.body());

        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> regenerated = browser.act(later, "regenerate-recovery-codes", Map.of("code", app.codeAt(clock.instant())));
        List<String> fresh = RECOVERY.matcher(regenerated.body()).results().map(result -> result.group(1)).toList();
        assertEquals(10, fresh.size(), regenerated.body());
        assertTrue(fresh.stream().noneMatch(codes::contains));

        HttpResponse<String> wrongPassword = browser.actAndFollow(regenerated, "remove-two-factor",
                Map.of("current_password", "not my password"));
        assertEquals("That code or password was not right. Nothing was changed.", AccountBrowser.notice(wrongPassword));
        clock.advance(WRONG_PASSWORD_BACKOFF);
        HttpResponse<String> removed = browser.actAndFollow(wrongPassword, "remove-two-factor", Map.of("current_password", PASSWORD));
        assertEquals("Two-factor sign-in is off. Your password alone signs you in now.", AccountBrowser.notice(removed));
        assertTrue(removed.body().contains("Set up two-factor sign-in"), removed.body());
    }

    @Test
    void a_person_ends_one_session_and_everywhere_but_never_another_persons_session() {
        AccountBrowser jane = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = jane.signIn("jane", PASSWORD);
        CodeFlowBrowser janesApp = new CodeFlowBrowser(gatehouse.port());
        HttpResponse<String> janesTokens = janesApp.exchange(codeFor(janesApp));
        AccountBrowser john = new AccountBrowser(gatehouse.port());
        String johnsSession = AccountBrowser.sessionIds(john.signIn("john", PASSWORD)).get(0);

        HttpResponse<String> listed = jane.get("/account");
        List<String> janes = AccountBrowser.sessionIds(listed);
        assertEquals(2, janes.size(), listed.body());
        assertTrue(listed.body().contains("<th scope=\"row\">web-app</th>"), listed.body());

        HttpResponse<String> refused = jane.actAndFollow(listed, "end-session", Map.of("session_id", johnsSession));
        assertEquals("That session is not one of yours, or it has ended already. Nothing was changed.",
                AccountBrowser.notice(refused));
        assertEquals(200, john.get("/account").statusCode(), "john's session goes on");
        assertEquals(1, AccountBrowser.sessionIds(john.get("/account")).size());

        Matcher appRow = APP_ROW.matcher(listed.body());
        assertTrue(appRow.find(), listed.body());
        String appSession = appRow.group(1);
        HttpResponse<String> ended = jane.actAndFollow(refused, "end-session", Map.of("session_id", appSession));
        assertEquals("That session has ended: its device must sign in again.", AccountBrowser.notice(ended));
        assertEquals(400, janesApp.refresh(TestHttp.refreshToken(janesTokens)).statusCode(), "its refresh token is refused");
        assertEquals(401, new TestHttp(gatehouse.port()).me(TestHttp.accessToken(janesTokens)).statusCode(), "and its access token");
        assertEquals(1, AccountBrowser.sessionIds(ended).size());

        HttpResponse<String> everywhere = jane.act(ended, "end-all-sessions", Map.of());
        assertEquals(200, everywhere.statusCode());
        assertTrue(everywhere.body().contains("You signed out everywhere"), everywhere.body());
        assertEquals(303, jane.get("/account").statusCode(), "signed out: the page asks to sign in again");
        assertEquals(200, john.get("/account").statusCode(), "john is still signed in");

        HttpResponse<String> johnsPage = john.get("/account");
        HttpResponse<String> signedOut = john.act(johnsPage, "sign-out", Map.of());
        assertTrue(signedOut.body().contains("You signed out."), signedOut.body());
        assertTrue(signedOut.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("gatehouse_session=;")
                && cookie.contains("Path=/authorize") && cookie.contains("Max-Age=0")), "the sign-in page's session too");
        HttpResponse<String> again = john.get(AccountBrowser.local(john.get("/account").headers().firstValue("Location").orElseThrow()));
        assertEquals(200, again.statusCode(), "the sign-in page asks for the password again");
        assertTrue(again.body().contains("<label for=\"password\">"), again.body());
    }

    @Test
    void the_applications_a_person_allowed_are_listed_and_taking_one_back_ends_its_sessions_and_asks_again() {
        CodeFlowBrowser partner = new CodeFlowBrowser(gatehouse.port(), "partner");
        Map<String, String> request = partner.request();
        HttpResponse<String> consent = partner.signIn(partner.authorize(request), "jane", PASSWORD);
        assertEquals(200, consent.statusCode(), consent.body());
        HttpResponse<String> back = partner.answerConsent(CodeFlowBrowser.hiddenFields(consent), "allow");
        HttpResponse<String> tokens = partner.exchange(CodeFlowBrowser.queryOf(back).get("code"));
        assertEquals(200, tokens.statusCode(), tokens.body());

        AccountBrowser jane = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = jane.signIn("jane", PASSWORD);
        assertTrue(page.body().contains("<h2 id=\"applications\">Applications you allowed</h2>"), page.body());
        assertTrue(page.body().contains("<input type=\"hidden\" name=\"client_id\" value=\"partner\">"), page.body());

        HttpResponse<String> taken = jane.actAndFollow(page, "revoke-consent", Map.of("client_id", "partner"));
        assertEquals("Taken back: partner must ask you again, and its sessions have ended.", AccountBrowser.notice(taken));
        assertFalse(taken.body().contains("Applications you allowed"), "nothing is allowed any more");
        assertEquals(400, partner.refresh(TestHttp.refreshToken(tokens)).statusCode(), "its refresh token is refused");
        assertEquals(401, new TestHttp(gatehouse.port()).me(TestHttp.accessToken(tokens)).statusCode(), "and its access token");
        HttpResponse<String> askedAgain = partner.authorize(request);
        assertEquals(200, askedAgain.statusCode(), "signed in still, but asked again: " + askedAgain.body());
        assertTrue(askedAgain.body().contains("/authorize/consent"), askedAgain.body());

        HttpResponse<String> nothing = jane.actAndFollow(taken, "revoke-consent", Map.of("client_id", "partner"));
        assertEquals("That application has nothing allowed by you. Nothing was changed.", AccountBrowser.notice(nothing));
        HttpResponse<String> malformed = jane.actAndFollow(nothing, "revoke-consent", Map.of("client_id", "no such client \u0001"));
        assertEquals("That application has nothing allowed by you. Nothing was changed.", AccountBrowser.notice(malformed));
    }

    @Test
    void a_form_without_the_pages_token_or_from_another_site_changes_nothing() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = browser.signIn("jane", PASSWORD);
        String change = "action=change-password&current_password=" + encode(PASSWORD) + "&new_password=" + encode("a forged new password");

        assertEquals(403, browser.postRaw("application/x-www-form-urlencoded", change).statusCode(), "no token");
        assertEquals(403, browser.postRaw("application/x-www-form-urlencoded", change + "&csrf=made-up").statusCode(), "a made-up one");
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/account"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .header("Cookie", "gatehouse_account_csrf=" + AccountBrowser.csrf(page))
                .POST(HttpRequest.BodyPublishers.ofString(change + "&csrf=" + AccountBrowser.csrf(page))));
        assertTrue(crossSite.statusCode() == 303 || crossSite.statusCode() == 403, "no session cookie sent: " + crossSite.statusCode());
        AccountBrowser other = new AccountBrowser(gatehouse.port());
        other.signIn("john", PASSWORD);
        HttpResponse<String> othersToken = other.postRaw("application/x-www-form-urlencoded", change + "&csrf=" + AccountBrowser.csrf(page));
        assertEquals(403, othersToken.statusCode(), "jane's token in john's browser");
        assertTrue(othersToken.body().contains("This form has expired"), othersToken.body());

        assertEquals(200, new TestHttp(gatehouse.port()).logIn("jane", PASSWORD, Map.of("client_id", "web-app")).statusCode(),
                "the password is unchanged");
    }

    @Test
    void bad_input_gets_a_page_or_a_message_never_a_5xx() {
        AccountBrowser browser = new AccountBrowser(gatehouse.port());
        HttpResponse<String> page = browser.signIn("jane", PASSWORD);
        String csrf = "csrf=" + AccountBrowser.csrf(page);
        List<java.util.function.Supplier<HttpResponse<String>>> requests = List.of(
                () -> browser.postRaw("application/json", "{\"action\":\"sign-out\"}"),
                () -> browser.postRaw("application/x-www-form-urlencoded", "%zz=%"),
                () -> browser.postRaw("application/x-www-form-urlencoded", ""),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=unknown"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=end-session&session_id=not-a-uuid"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=end-session"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=change-password"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=change-password&current_password="
                        + "x".repeat(2000) + "&new_password=y"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=confirm-two-factor&code=" + "9".repeat(100)),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=remove-two-factor"),
                () -> browser.postRaw("application/x-www-form-urlencoded", csrf + "&action=change-email&email=%00"),
                () -> browser.get("/account/callback"),
                () -> browser.get("/account/callback?code=%25zz&state=%00"),
                () -> browser.get("/account?x=%25zz"));
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (var request : requests) {
            long started = System.nanoTime();
            HttpResponse<String> answer = request.get();
            answers.add(answer);
            System.out.println("bad input " + answers.size() + ": " + answer.statusCode() + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertTrue(answer.statusCode() < 500, answer.statusCode() + " " + answer.body());
            if (answers.size() == 4) {
                assertEquals("That action is not known here. Nothing was changed.", AccountBrowser.notice(browser.follow(answer)));
            }
        }
        assertEquals(400, answers.get(0).statusCode(), "not a form");
        assertFalse(browser.get("/account").body().isEmpty());
        assertEquals(200, browser.get("/account").statusCode(), "still signed in");
    }

    private String codeFor(CodeFlowBrowser app) {
        return app.codeFor("jane", PASSWORD);
    }

    private void register(String username, String email, String fullName) {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                        + "\",\"email\":\"" + email + "\",\"full_name\":\"" + fullName + "\"}")));
        assertEquals(201, registered.statusCode(), registered.body());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
