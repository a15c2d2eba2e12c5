package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Username;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling, the known-device cookie and the client address, end to end through the real services. Three
 * listeners: the default one with {@link WebSettings#DEFAULT}, {@code plain} without {@code Secure} cookies and
 * with a one-hour device lifetime, and {@code proxied}, which trusts {@code X-Forwarded-For}. The listeners that
 * spend the client budget of 100 failed logins have no request budget in front ({@link RateLimits#UNLIMITED}).
 */
@ServerTest
class LoginProtectionIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG_PASSWORD = "Tr0ub4dor&3-wrong";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String INVALID_GRANT = """
            {"detail":"Incorrect username or password","error":"invalid_grant",
             "error_description":"Incorrect username or password"}""";
    private static final Pattern DEVICE_COOKIE = Pattern.compile(
            "gatehouse_device=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+); Path=/token; Max-Age=(\\d+); HttpOnly; SameSite=Strict(; Secure)?");

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;
    private final Http1Client plain;
    private final Http1Client proxied;

    private final Http1Client elsewhere;

    LoginProtectionIT(Http1Client client, @Socket("plain") Http1Client plain, @Socket("proxied") Http1Client proxied,
                      @Socket("elsewhere") Http1Client elsewhere) {
        this.client = client;
        this.plain = plain;
        this.proxied = proxied;
        this.elsewhere = elsewhere;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GATEHOUSE.addUser("alice", PASSWORD, null, null);
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT);
    }

    @SetUpRoute("plain")
    static void plainRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, new WebSettings(ClientAddressing.DIRECT, false, Duration.ofHours(1)));
    }

    @SetUpRoute("proxied")
    static void proxiedRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, new WebSettings(ClientAddressing.behind("127.0.0.1"), true, WebSettings.DEFAULT.knownDeviceLifetime())
                .withRateLimits(RateLimits.UNLIMITED));
    }

    /** Trusts proxies in 10.0.0.0/8 only: the test client (127.0.0.1) is not one of them. */
    @SetUpRoute("elsewhere")
    static void elsewhereRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases,
                new WebSettings(ClientAddressing.behind("10.0.0.0/8"), true, WebSettings.DEFAULT.knownDeviceLifetime())
                        .withRateLimits(RateLimits.UNLIMITED));
    }

    @BeforeEach
    void forgetFailedLogins() {
        GATEHOUSE.forgetFailedLogins();
    }

    // ---- throttling

    @Test
    void answers_a_throttled_login_exactly_like_a_wrong_password_plus_retry_after() {
        // One request id for both, as every answer echoes it: then every header but the date must match.
        Reply wrong = token(client.post("/token").header(AccessLog.X_REQUEST_ID, "throttle-probe"), "johndoe", WRONG_PASSWORD)
                .expect(401, INVALID_GRANT);
        Reply throttled = token(client.post("/token").header(AccessLog.X_REQUEST_ID, "throttle-probe"), "johndoe", WRONG_PASSWORD)
                .expect(401, INVALID_GRANT);

        assertNull(wrong.header(HeaderNames.RETRY_AFTER));
        // The attempt while throttled is refused without counting: what is left of the first failure's second.
        assertEquals("1", throttled.header(HeaderNames.RETRY_AFTER));
        assertEquals(wrong.body(), throttled.body());
        assertEquals(headersExceptDateAndRetryAfter(wrong), headersExceptDateAndRetryAfter(throttled));
        assertEquals("Bearer", throttled.header(HeaderNames.WWW_AUTHENTICATE));
        assertEquals(List.of(AuditEvent.Type.LOGIN_FAILED, AuditEvent.Type.LOGIN_THROTTLED), lastTypes(2));
    }

    @Test
    void throttles_even_the_right_password_until_the_backoff_has_passed() {
        token(client, "johndoe", WRONG_PASSWORD).expect(401, INVALID_GRANT);

        Reply throttled = token(client, "johndoe", PASSWORD).expect(401, INVALID_GRANT);
        assertEquals("1", throttled.header(HeaderNames.RETRY_AFTER));

        GATEHOUSE.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, token(client, "johndoe", PASSWORD).status());
    }

    @Test
    void lets_the_owner_in_with_the_device_cookie_while_the_account_is_throttled() {
        String device = deviceCredential(token(client, "johndoe", PASSWORD));

        // Someone else guesses, without the cookie, and runs the account's backoff up.
        token(client, "johndoe", WRONG_PASSWORD).expect(401, INVALID_GRANT);
        assertEquals("1", token(client, "johndoe", PASSWORD).expect(401, INVALID_GRANT).header(HeaderNames.RETRY_AFTER));

        // The owner's browser sends its cookie (among others) and gets in at once.
        Reply owner = token(client.post("/token").header(HeaderNames.COOKIE, "theme=dark; gatehouse_device=" + device + "; x=1"),
                "johndoe", PASSWORD);
        assertEquals(200, owner.status(), owner::toString);
        assertNotEquals(device, deviceCredential(owner), "a fresh credential on every login");
    }

    @Test
    void lets_an_api_client_without_cookies_in_with_the_device_token_of_its_last_login() {
        Reply first = token(client, "johndoe", PASSWORD);
        String device = first.json().getString("device_token");
        assertEquals(device, deviceCredential(first), "the same credential as the cookie");

        token(client, "johndoe", WRONG_PASSWORD).expect(401, INVALID_GRANT);
        assertEquals("1", token(client, "johndoe", PASSWORD).expect(401, INVALID_GRANT).header(HeaderNames.RETRY_AFTER));

        Reply owner = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=johndoe&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&device_token=" + device));
        assertEquals(200, owner.status(), owner::toString);
    }

    @Test
    void does_not_let_a_device_cookie_of_another_user_through_the_throttle() {
        String alicesDevice = deviceCredential(token(client, "alice", PASSWORD));
        token(client, "johndoe", WRONG_PASSWORD).expect(401, INVALID_GRANT);

        Reply reply = token(client.post("/token").header(HeaderNames.COOKIE, "gatehouse_device=" + alicesDevice),
                "johndoe", PASSWORD).expect(401, INVALID_GRANT);

        assertEquals("1", reply.header(HeaderNames.RETRY_AFTER));
    }

    @Test
    void ignores_a_forged_device_cookie() {
        String device = deviceCredential(token(client, "johndoe", PASSWORD));
        token(client, "johndoe", WRONG_PASSWORD).expect(401, INVALID_GRANT);
        String forged = device.substring(0, device.length() - 2) + (device.endsWith("AA") ? "BB" : "AA");

        Reply reply = token(client.post("/token").header(HeaderNames.COOKIE, "gatehouse_device=" + forged),
                "johndoe", PASSWORD).expect(401, INVALID_GRANT);

        assertEquals("1", reply.header(HeaderNames.RETRY_AFTER));
    }

    // ---- the device cookie

    @Test
    void sets_a_secure_strict_http_only_device_cookie_for_the_token_path() {
        Reply reply = token(client, "johndoe", PASSWORD);

        Matcher cookie = deviceCookie(reply);
        assertEquals(String.valueOf(WebSettings.DEFAULT.knownDeviceLifetime().toSeconds()), cookie.group(2));
        assertEquals("; Secure", cookie.group(3));
        assertTrue(GATEHOUSE.devices.recognise(cookie.group(1), GATEHOUSE.users.findByUsername(new Username("johndoe")).orElseThrow()).isPresent());
    }

    @Test
    void leaves_secure_off_and_uses_the_configured_lifetime_when_told() {
        Matcher cookie = deviceCookie(token(plain, "johndoe", PASSWORD));

        assertEquals("3600", cookie.group(2));
        assertNull(cookie.group(3));
    }

    @Test
    void sets_no_cookie_on_a_failed_login() {
        assertNull(token(client, "johndoe", WRONG_PASSWORD).header(HeaderNames.SET_COOKIE));
        assertNull(token(client, "johndoe", PASSWORD).header(HeaderNames.SET_COOKIE)); // throttled
    }

    // ---- the client address

    @Test
    void records_the_peer_address_in_the_audit_trail() {
        token(client, "johndoe", PASSWORD);
        assertEquals("127.0.0.1", lastEvent().client().value());

        Reply registered = Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"newcomer\",\"password\":\"" + PASSWORD + "\"}"));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals(AuditEvent.Type.USER_REGISTERED, lastEvent().type());
        assertEquals("127.0.0.1", lastEvent().client().value());
    }

    @Test
    void ignores_x_forwarded_for_unless_trusted() {
        token(client.post("/token").header(HeaderNames.X_FORWARDED_FOR, "203.0.113.7"), "johndoe", PASSWORD);

        assertEquals("127.0.0.1", lastEvent().client().value());
    }

    @Test
    void uses_the_rightmost_x_forwarded_for_entry_when_trusted() {
        token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "6.6.6.6, 203.0.113.7"), "johndoe", PASSWORD);
        assertEquals("203.0.113.7", lastEvent().client().value());

        Reply registered = Reply.of(proxied.post("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.X_FORWARDED_FOR, "[2001:db8::1]:4711")
                .submit("{\"username\":\"proxied\",\"password\":\"" + PASSWORD + "\"}"));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals("2001:db8:0:0:0:0:0:1", lastEvent().client().value());
    }

    @Test
    void falls_back_to_the_peer_when_the_rightmost_entry_is_not_an_address() {
        token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "203.0.113.7, unknown"), "johndoe", PASSWORD);

        assertEquals("127.0.0.1", lastEvent().client().value());
    }

    @Test
    void throttles_per_forwarded_client_when_trusted() {
        // One client spends its budget; another behind the same proxy is unaffected. Budget: 100 failures.
        for (int i = 0; i < 100; i++) {
            token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "198.51.100.1"), "nobody" + i, WRONG_PASSWORD)
                    .expect(401, INVALID_GRANT);
        }

        Reply spent = token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "198.51.100.1"), "nobody-else", PASSWORD)
                .expect(401, INVALID_GRANT);
        Reply other = token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "198.51.100.2"), "alice", PASSWORD);

        assertEquals(String.valueOf(Duration.ofMinutes(10).toSeconds()), spent.header(HeaderNames.RETRY_AFTER));
        assertEquals(200, other.status(), other::toString);
    }

    @Test
    void a_spoofed_x_forwarded_for_from_a_peer_that_is_no_trusted_proxy_does_not_escape_the_client_budget() {
        // Each guess claims another address; the peer is no proxy of ours, so every one counts against the peer.
        for (int i = 0; i < 100; i++) {
            token(elsewhere.post("/token").header(HeaderNames.X_FORWARDED_FOR, "198.51.100." + (i + 1)), "nobody" + i,
                    WRONG_PASSWORD).expect(401, INVALID_GRANT);
        }

        Reply spent = token(elsewhere.post("/token").header(HeaderNames.X_FORWARDED_FOR, "203.0.113.250"), "alice", PASSWORD)
                .expect(401, INVALID_GRANT);

        assertEquals(String.valueOf(Duration.ofMinutes(10).toSeconds()), spent.header(HeaderNames.RETRY_AFTER));
        assertEquals("127.0.0.1", lastEvent().client().value());
    }

    @Test
    void rotating_ipv6_addresses_inside_one_64_share_one_client_budget() {
        for (int i = 0; i < 100; i++) {
            token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "2001:db8:1:2::" + Integer.toHexString(i + 1)),
                    "nobody" + i, WRONG_PASSWORD).expect(401, INVALID_GRANT);
        }

        Reply sameBlock = token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "2001:db8:1:2:ffff:ffff:ffff:ffff"),
                "johndoe", PASSWORD).expect(401, INVALID_GRANT);
        Reply nextBlock = token(proxied.post("/token").header(HeaderNames.X_FORWARDED_FOR, "2001:db8:1:3::1"), "alice", PASSWORD);

        assertEquals(String.valueOf(Duration.ofMinutes(10).toSeconds()), sameBlock.header(HeaderNames.RETRY_AFTER));
        assertEquals(200, nextBlock.status(), nextBlock::toString);
        assertEquals("2001:db8:1:3:0:0:0:1", lastEvent().client().value(), "the audit trail keeps the whole address");
    }

    private static Reply token(Http1Client client, String username, String password) {
        return token(client.post("/token"), username, password);
    }

    private static Reply token(Http1ClientRequest request, String username, String password) {
        return Reply.of(request.header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
    }

    private static Matcher deviceCookie(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        String setCookie = reply.header(HeaderNames.SET_COOKIE);
        Matcher cookie = DEVICE_COOKIE.matcher(setCookie == null ? "" : setCookie);
        assertTrue(cookie.matches(), setCookie);
        return cookie;
    }

    private static String deviceCredential(Reply reply) {
        return deviceCookie(reply).group(1);
    }

    private static Map<String, List<String>> headersExceptDateAndRetryAfter(Reply reply) {
        Set<String> ignored = Set.of("date", "retry-after");
        Map<String, List<String>> headers = new TreeMap<>();
        for (Header header : reply.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!ignored.contains(name)) {
                headers.put(name, header.allValues());
            }
        }
        return headers;
    }

    private static AuditEvent lastEvent() {
        return GATEHOUSE.audit.events().getLast();
    }

    private static List<AuditEvent.Type> lastTypes(int count) {
        List<AuditEvent.Type> types = GATEHOUSE.audit.types();
        return types.subList(types.size() - count, types.size());
    }
}
