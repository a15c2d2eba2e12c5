package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-client request budgets in front of {@code /token}, {@code /revoke}, {@code POST /users} and
 * {@code /users/me/password}: 429 with {@code Retry-After} once spent, before any use case runs (no audit event, so
 * no database work and no hashing). Budgets here: 5 requests per client (IPv4 address or IPv6 /64), 12 per /24 or
 * /48, 2 registrations per client, none refilled within the test. Each test speaks for its own clients through a
 * listener that trusts the test's own address as a proxy.
 */
@ServerTest
class RequestLimitsIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final RateLimits LIMITS = new RateLimits(RequestRate.of(5, 1, HOUR), RequestRate.of(12, 1, HOUR),
            RequestRate.of(2, 1, HOUR), 1_000);
    private static final String TOO_MANY_OAUTH = """
            {"detail":"Too many requests, retry later","error":"temporarily_unavailable",
             "error_description":"Too many requests, retry later"}""";
    private static final String TOO_MANY = """
            {"detail":"Too many requests, retry later"}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client direct;
    private final Http1Client proxied;

    RequestLimitsIT(Http1Client direct, @Socket("proxied") Http1Client proxied) {
        this.direct = direct;
        this.proxied = proxied;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withRateLimits(LIMITS));
    }

    @SetUpRoute("proxied")
    static void proxiedRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases,
                new WebSettings(ClientAddressing.behind("127.0.0.1"), true, WebSettings.DEFAULT.knownDeviceLifetime())
                        .withRateLimits(LIMITS));
    }

    @Test
    void token_answers_429_with_the_oauth_body_once_the_client_budget_is_spent_and_runs_no_use_case() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, token(from("198.51.100.10"), "nobody" + i, "wrong-password").status());
        }
        int events = GATEHOUSE.audit.events().size();

        // Even the right password: the request is refused before anyone looks at it.
        Reply refused = token(from("198.51.100.10"), "johndoe", PASSWORD).expect(429, TOO_MANY_OAUTH);
        Reply revoke = Reply.of(from("198.51.100.10").path("/revoke").header(HeaderNames.CONTENT_TYPE, FORM).submit("token=x"))
                .expect(429, TOO_MANY_OAUTH);

        assertEquals(events, GATEHOUSE.audit.events().size(), "no use case ran");
        assertTrue(Long.parseLong(refused.header(HeaderNames.RETRY_AFTER)) > 60 * 10, refused::toString);
        assertTrue(Long.parseLong(revoke.header(HeaderNames.RETRY_AFTER)) > 60 * 10, revoke::toString);
        assertEquals(200, token(from("203.0.113.5"), "johndoe", PASSWORD).status(), "another client keeps its budget");
    }

    @Test
    void users_and_password_change_answer_429_with_the_detail_body() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Reply.of(from("192.0.2.20").path("/users/me/password")
                    .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}")).status());
        }

        Reply change = Reply.of(from("192.0.2.20").path("/users/me/password").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{}")).expect(429, TOO_MANY);
        Reply register = register(from("192.0.2.20"), "limited").expect(429, TOO_MANY);

        assertTrue(change.header(HeaderNames.RETRY_AFTER) != null, change::toString);
        assertTrue(register.header(HeaderNames.RETRY_AFTER) != null, register::toString);
    }

    @Test
    void registrations_have_their_own_smaller_budget_that_leaves_logins_alone() {
        assertEquals(201, register(from("2001:db8:aaaa:1::1"), "first.registrant").status());
        assertEquals(201, register(from("2001:db8:aaaa:1::2"), "second.registrant").status());
        int events = GATEHOUSE.audit.events().size();

        register(from("2001:db8:aaaa:1::3"), "third.registrant").expect(429, TOO_MANY);

        assertEquals(events, GATEHOUSE.audit.events().size(), "no use case ran");
        assertEquals(200, token(from("2001:db8:aaaa:1::4"), "first.registrant", PASSWORD).status());
    }

    @Test
    void a_client_rotating_addresses_shares_one_bucket_per_64_and_a_second_per_48() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, token(from("2001:db8:bbbb:1::" + (i + 1)), "nobody" + i, "wrong-password").status());
        }
        token(from("2001:db8:bbbb:1:ffff::1"), "johndoe", PASSWORD).expect(429, TOO_MANY_OAUTH);

        // New /64s in the same /48: 7 more requests fill the /48's 12, then even a fresh /64 there is refused.
        for (int i = 0; i < 7; i++) {
            assertEquals(401, token(from("2001:db8:bbbb:" + (i + 2) + "::1"), "nobody" + i, "wrong-password").status());
        }
        token(from("2001:db8:bbbb:99::1"), "johndoe", PASSWORD).expect(429, TOO_MANY_OAUTH);
        assertEquals(200, token(from("2001:db8:cccc:1::1"), "johndoe", PASSWORD).status(), "another /48 is unaffected");
    }

    @Test
    void ipv4_clients_of_one_24_share_a_second_bucket() {
        // Twelve addresses of one /24, each far within its own budget, fill the /24's 12.
        for (int i = 0; i < 12; i++) {
            assertEquals(401, token(from("100.64.1." + (i + 1)), "nobody" + i, "wrong-password").status());
        }
        token(from("100.64.1.200"), "johndoe", PASSWORD).expect(429, TOO_MANY_OAUTH);
        assertEquals(200, token(from("100.64.2.1"), "johndoe", PASSWORD).status(), "another /24 is unaffected");
    }

    @Test
    void parallel_requests_of_one_client_get_exactly_its_burst_through() throws Exception {
        int events = GATEHOUSE.audit.events().size();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                answers.add(clients.submit(() -> {
                    go.await();
                    return token(OwnConnection.of(from("100.64.0.1")), "nobody" + n, "wrong-password").status();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
        }

        assertEquals(Map.of(401, 5, 429, 55), statuses);
        assertEquals(events + 5, GATEHOUSE.audit.events().size(), "5 logins ran, one event each");
    }

    @Test
    void a_direct_client_is_budgeted_by_its_own_address_whatever_it_claims() {
        // The default listener trusts no proxy: 127.0.0.1 is the client, and X-Forwarded-For changes nothing.
        int spent = 0;
        Reply last = null;
        while (spent < 20) {
            last = token(direct.post().header(HeaderNames.X_FORWARDED_FOR, "198.18.0." + spent), "nobody", "wrong-password");
            if (last.status() == 429) {
                break;
            }
            spent++;
        }
        Reply answer = last;
        assertEquals(5, spent, () -> "admitted before 429; last " + answer);
    }

    private Http1ClientRequest from(String address) {
        return proxied.post().header(HeaderNames.X_FORWARDED_FOR, address);
    }

    private static Reply token(Http1ClientRequest request, String username, String password) {
        return Reply.of(request.path("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
    }

    private static Reply register(Http1ClientRequest request, String username) {
        return Reply.of(request.path("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"));
    }
}
