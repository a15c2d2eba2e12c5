package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Floods that cost the attacker nothing must cost Gatehouse nothing (issue 15, section 5), against real argon2id at
 * OWASP's parameters on PostgreSQL, with the production request budgets. Gatehouse sits behind a proxy it trusts
 * (127.0.0.1), which names each client in {@code X-Forwarded-For}, so attacker and users can be told apart.
 * While the flood runs, a user logs in every second and reads {@code GET /users/me} every 100 ms from addresses of
 * their own: every one must succeed, none is a 503, {@code /users/me} answers at about its quiet latency, and of the
 * flood only the attacker's request budget reaches the use cases.
 */
class FloodIT {

    // The figures: 300 connections for 30 seconds.
    private static final Duration FLOOD = Duration.ofSeconds(30);
    private static final int CONNECTIONS = 300;
    private static final String PASSWORD = "correct horse battery staple";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String USER_ADDRESS = "192.0.2.10";

    @Test
    void many_connections_hammering_a_throttled_name_leave_other_users_logging_in_at_their_usual_latency() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settings(), Clock.systemUTC())) {
            Client user = new Client(gatehouse.port(), USER_ADDRESS);
            assertEquals(201, user.register("bob").statusCode());
            String token = TestHttp.accessToken(user.logIn("bob", PASSWORD));
            long[] quiet = user.readMe(token, 50);

            // The attacker owns one /64 and rotates through it, guessing johndoe's password as fast as it can.
            Map<Integer, Integer> attack = new ConcurrentHashMap<>();
            Outcome during = underFlood(() -> {
                String address = "2001:db8:bad:1:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + "::1";
                return new Client(gatehouse.port(), address).logIn("johndoe", "guess-" + System.nanoTime()).statusCode();
            }, attack, user, token);

            report("throttled-name flood", quiet, during, attack);
            // What reached the use case (a 401, or a 503 from the hashing queue the client's first burst can fill):
            // the client's budget, 60 at once and 2 a second, with room for a slow machine; the rest cost a map lookup.
            int reached = attack.getOrDefault(401, 0) + attack.getOrDefault(503, 0);
            assertTrue(reached <= 60 + 2 * (FLOOD.toSeconds() + 10) * 3 / 2, "attempts that reached the use case: " + attack);
            assertEquals(0, during.userStatuses().getOrDefault(503, 0), "no 503 for the user: " + during.userStatuses());
            assertEquals(during.logins(), during.loginsOk(), "every login of the other user succeeded: " + during);
            assertEquals(during.reads().length, during.readsOk(), "every GET /users/me succeeded: " + during);
            assertUsualLatency(quiet, during.reads());
        }
    }

    @Test
    void a_registration_flood_from_many_addresses_leaves_token_serving_other_users() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settings(), Clock.systemUTC())) {
            Client user = new Client(gatehouse.port(), USER_ADDRESS);
            assertEquals(201, user.register("bob").statusCode());
            assertEquals(201, user.register("taken").statusCode());
            String token = TestHttp.accessToken(user.logIn("bob", PASSWORD));
            long[] quiet = user.readMe(token, 50);

            // A botnet: every registration from another address, so no request budget stops it; each costs a full hash.
            Map<Integer, Integer> attack = new ConcurrentHashMap<>();
            Outcome during = underFlood(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String address = (11 + random.nextInt(100)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                return new Client(gatehouse.port(), address).register("taken").statusCode();
            }, attack, user, token);

            report("registration flood", quiet, during, attack);
            assertTrue(attack.getOrDefault(409, 0) > 0, "the flood did reach the hasher: " + attack);
            assertEquals(during.logins(), during.loginsOk(), "every login of the other user succeeded: " + during);
            assertEquals(during.reads().length, during.readsOk(), "every GET /users/me succeeded: " + during);
        }
    }

    /** Production settings but cheap to start: a fresh PostgreSQL, a free port, our proxy trusted. */
    private static GatehouseSettings settings() {
        Map<String, String> env = new HashMap<>(Map.of(
                "GATEHOUSE_JWT_SECRET", "flood-test-secret-of-at-least-32-bytes!!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1"));
        return GatehouseSettings.from(SettingSource.of(env)).withDatabase(TestDatabases.freshPostgres());
    }

    private interface Attack {
        int send() throws Exception;
    }

    /** What the user saw while the flood ran. */
    private record Outcome(int logins, int loginsOk, long[] reads, int readsOk, Map<Integer, Integer> userStatuses) {
    }

    private static Outcome underFlood(Attack attack, Map<Integer, Integer> attackStatuses, Client user, String token)
            throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, Integer> userStatuses = new ConcurrentHashMap<>();
        int logins = 0;
        int loginsOk = 0;
        List<Long> reads = new ArrayList<>();
        int readsOk = 0;
        try (ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                attackers.submit(() -> {
                    while (flooding.get()) {
                        int status;
                        try {
                            status = attack.send();
                        } catch (Exception failed) {
                            status = -1;
                        }
                        attackStatuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                });
            }
            Thread.sleep(2_000); // let the flood build up
            long end = System.nanoTime() + FLOOD.toNanos();
            long nextLogin = System.nanoTime();
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextLogin) {
                    int status = user.logIn("bob", PASSWORD).statusCode();
                    userStatuses.merge(status, 1, Integer::sum);
                    logins++;
                    loginsOk += status == 200 ? 1 : 0;
                    nextLogin += Duration.ofSeconds(1).toNanos();
                }
                long started = System.nanoTime();
                int status = user.me(token).statusCode();
                reads.add(System.nanoTime() - started);
                userStatuses.merge(status, 1, Integer::sum);
                readsOk += status == 200 ? 1 : 0;
                Thread.sleep(100);
            }
            flooding.set(false);
        }
        return new Outcome(logins, loginsOk, reads.stream().mapToLong(Long::longValue).toArray(), readsOk, userStatuses);
    }

    /** The median read under the flood within 3 times the quiet one plus 20 ms, the 95th percentile under 500 ms. */
    private static void assertUsualLatency(long[] quiet, long[] during) {
        long quietMedian = percentile(quiet, 50);
        assertTrue(percentile(during, 50) <= 3 * quietMedian + 20_000_000L,
                "median " + millis(percentile(during, 50)) + " ms under the flood, " + millis(quietMedian) + " ms quiet");
        assertTrue(percentile(during, 95) <= 500_000_000L, "95th percentile " + millis(percentile(during, 95)) + " ms");
    }

    private static void report(String what, long[] quiet, Outcome during, Map<Integer, Integer> attack) {
        System.out.printf("FloodIT %s: %d connections for %d s -> attacker %s; user logins %d/%d ok, GET /users/me %d/%d ok, "
                        + "p50 %.1f ms (quiet %.1f), p95 %.1f ms (quiet %.1f), max %.1f ms; user statuses %s%n",
                what, CONNECTIONS, FLOOD.toSeconds(), new java.util.TreeMap<>(attack), during.loginsOk(), during.logins(),
                during.readsOk(), during.reads().length, millis(percentile(during.reads(), 50)), millis(percentile(quiet, 50)),
                millis(percentile(during.reads(), 95)), millis(percentile(quiet, 95)), millis(percentile(during.reads(), 100)),
                during.userStatuses());
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(percent / 100.0 * sorted.length) - 1));
        return sorted[index];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** One client behind our proxy: its own connections, its address in X-Forwarded-For. */
    private static final class Client {

        private static final HttpClient SHARED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        private final URI base;
        private final String address;
        private final HttpClient http;

        Client(int port, String address) {
            this.base = URI.create("http://127.0.0.1:" + port);
            this.address = address;
            // The user gets connections of their own; attackers share one pool, as they share nothing with the user.
            this.http = address.equals(USER_ADDRESS) ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build() : SHARED;
        }

        HttpResponse<String> logIn(String username, String password) throws Exception {
            return send(request("/token").header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password.replace(' ', '+'))));
        }

        HttpResponse<String> register(String username) throws Exception {
            return send(request("/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")));
        }

        HttpResponse<String> me(String token) throws Exception {
            return send(request("/users/me").header("Authorization", "Bearer " + token).GET());
        }

        long[] readMe(String token, int times) throws Exception {
            long[] nanos = new long[times];
            for (int i = 0; i < times; i++) {
                long started = System.nanoTime();
                assertEquals(200, me(token).statusCode());
                nanos[i] = System.nanoTime() - started;
            }
            return nanos;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("X-Forwarded-For", address).timeout(Duration.ofSeconds(30));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
