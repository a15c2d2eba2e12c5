package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while clients register, log in, read {@code /users/me} and ask for readiness, and comes back
 * (issue 15, section 8). Once the outage is a second old every {@code 503} (with {@code Retry-After}) arrives in
 * under 100 ms; {@code /users/me} keeps answering {@code 200} from memory within the stale-read bound, while a
 * token revoked, and one retired by a password change, before the outage stay refused; within a second of
 * PostgreSQL's return every kind of request succeeds again; every registration answered {@code 201} is stored.
 * A PostgreSQL server of its own, stopped and restarted on the same data directory and port.
 */
class DatabaseOutageUnderLoadIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "another horse battery";
    private static final Duration WORKERS_PAUSE = Duration.ofMillis(5);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration FAST = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(1);

    private enum Kind { REGISTER, LOGIN, ME, READY, REVOKED_TOKEN, RETIRED_TOKEN }

    private record Sample(Kind kind, long startedNanos, long tookNanos, int status, boolean retryAfter) {
        long endedNanos() {
            return startedNanos + tookNanos;
        }

        long tookMillis() {
            return Duration.ofNanos(tookNanos).toMillis();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger registrations = new AtomicInteger();

    @Test
    void fails_fast_serves_tokens_from_memory_recovers_within_a_second_and_loses_nothing(@TempDir Path pgData)
            throws Exception {
        int pgPort = freePort();
        EmbeddedPostgres postgres = startPostgres(pgData, pgPort);
        DatabaseSettings database = new DatabaseSettings("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", null, 4);
        // The load comes from one address, faster than any one client would: no request budgets in front.
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "outage-test-secret-of-at-least-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1")))).withDatabase(database);
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            int port = gatehouse.port();
            TestHttp client = new TestHttp(port);
            assertEquals(201, client.register("jane", PASSWORD).statusCode());
            String token = TestHttp.accessToken(client.logIn("jane", PASSWORD));
            String revoked = TestHttp.accessToken(client.logIn("jane", PASSWORD));
            assertEquals(204, client.logOut(revoked, false).statusCode());
            assertEquals(201, client.register("pat", PASSWORD).statusCode());
            String retired = TestHttp.accessToken(client.logIn("pat", PASSWORD));
            String patsNew = TestHttp.accessToken(changePassword(port, retired));
            // Clients in use: each token was checked (and its user read) shortly before the outage.
            assertEquals(200, client.me(token).statusCode());
            assertEquals(200, client.me(patsNew).statusCode());
            assertEquals(401, client.me(revoked).statusCode());
            assertEquals(401, client.me(retired).statusCode());

            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> workers = new ArrayList<>();
            workers.add(worker("register", running, () -> register(port)));
            workers.add(worker("login", running, () -> timed(Kind.LOGIN, () -> logIn(port, "jane"))));
            workers.add(worker("me", running, () -> timed(Kind.ME, () -> get(port, "/users/me", token))));
            workers.add(worker("me-pat", running, () -> timed(Kind.ME, () -> get(port, "/users/me", patsNew))));
            workers.add(worker("ready", running, () -> timed(Kind.READY, () -> get(port, "/health/ready", null))));
            workers.add(worker("revoked", running, () -> timed(Kind.REVOKED_TOKEN, () -> get(port, "/users/me", revoked))));
            workers.add(worker("retired", running, () -> timed(Kind.RETIRED_TOKEN, () -> get(port, "/users/me", retired))));
            Thread.sleep(1_500);

            long stopping = System.nanoTime();
            postgres.close();
            long stopped = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis());
            long restarting = System.nanoTime();
            postgres = startPostgres(pgData, pgPort);
            long back = System.nanoTime();
            Thread.sleep(3_000);
            running.set(false);
            for (Thread worker : workers) {
                worker.join(Duration.ofSeconds(30));
            }

            List<Sample> all = List.copyOf(samples);
            report(all, stopping, stopped, restarting, back);

            // Down, once the outage is a second old (counted from the start of the stop).
            long downFrom = stopping + GRACE.toNanos();
            List<Sample> down = all.stream().filter(s -> s.startedNanos() >= downFrom && s.endedNanos() <= restarting).toList();
            assertTrue(down.size() > 100, "load went on during the outage: " + down.size());
            List<Sample> unavailable = down.stream().filter(s -> s.status() == 503).toList();
            assertTrue(unavailable.stream().allMatch(Sample::retryAfter), "every 503 says when to retry");
            List<Sample> slow = unavailable.stream().filter(s -> s.tookNanos() >= FAST.toNanos()).toList();
            // On a shared machine the whole process sometimes pauses (GC, a blocked console): a slow 503 is only
            // excused when a /users/me answered from memory at the same moment, never asking the database, was as slow.
            List<Sample> paused = slow.stream().filter(s -> down.stream().anyMatch(control -> control.kind() == Kind.ME
                    && control.tookNanos() >= FAST.toNanos() && overlap(s, control))).toList();
            System.out.printf("DatabaseOutageUnderLoadIT: %d of %d 503s took %d ms or more, %d of them in a pause of the whole process%n",
                    slow.size(), unavailable.size(), FAST.toMillis(), paused.size());
            assertEquals(List.of(), slow.stream().filter(s -> !paused.contains(s)).toList(), "every 503 in under " + FAST.toMillis() + " ms");
            assertTrue(paused.size() * 100 <= unavailable.size(), "pauses are rare: " + paused);
            assertTrue(paused.stream().allMatch(s -> s.tookNanos() < Duration.ofMillis(500).toNanos()), "and short: " + paused);
            assertAll(down, Kind.LOGIN, status -> status == 503, "logins fail fast");
            assertAll(down, Kind.REGISTER, status -> status == 503, "registrations fail fast");
            assertAll(down, Kind.READY, status -> status == 503, "readiness says down");
            assertAll(down, Kind.ME, status -> status == 200, "valid tokens ride out the outage from memory");
            assertAll(down, Kind.REVOKED_TOKEN, status -> status == 401, "a token revoked before the outage stays revoked");
            assertAll(down, Kind.RETIRED_TOKEN, status -> status == 401, "a password change before the outage still applies");

            // Back within a second of PostgreSQL accepting connections again.
            long recoveredBy = back + RECOVERY.toNanos();
            List<Sample> after = all.stream().filter(s -> s.startedNanos() >= recoveredBy).toList();
            assertTrue(after.size() > 50, "load went on after the return: " + after.size());
            assertAll(after, Kind.LOGIN, status -> status == 200, "logins work again");
            assertAll(after, Kind.REGISTER, status -> status == 201, "registrations work again");
            assertAll(after, Kind.READY, status -> status == 200, "ready again");
            assertAll(after, Kind.ME, status -> status == 200, "tokens checked against the database again");

            assertEquals(Set.of(), missing(pgPort, acknowledged), "every registration answered 201 is stored");
        } finally {
            postgres.close();
        }
    }

    private static boolean overlap(Sample one, Sample other) {
        return one.startedNanos() < other.endedNanos() && other.startedNanos() < one.endedNanos();
    }

    private static void assertAll(List<Sample> samples, Kind kind, Predicate<Integer> expected, String what) {
        List<Sample> ofKind = samples.stream().filter(s -> s.kind() == kind).toList();
        assertTrue(!ofKind.isEmpty(), what + ": no " + kind + " request in the window");
        Map<Integer, Long> statuses = ofKind.stream().collect(Collectors.groupingBy(Sample::status, Collectors.counting()));
        assertTrue(ofKind.stream().allMatch(s -> expected.test(s.status())), what + ": " + kind + " answered " + statuses);
    }

    private void report(List<Sample> all, long stopping, long stopped, long restarting, long back) {
        System.out.printf("DatabaseOutageUnderLoadIT: %d requests; stopping PostgreSQL took %d ms, restarting it %d ms%n",
                all.size(), Duration.ofNanos(stopped - stopping).toMillis(), Duration.ofNanos(back - restarting).toMillis());
        report("first second of the outage", all, s -> s.startedNanos() >= stopping && s.startedNanos() < stopping + GRACE.toNanos());
        report("rest of the outage", all, s -> s.startedNanos() >= stopping + GRACE.toNanos() && s.endedNanos() <= restarting);
        report("first second after the return", all, s -> s.startedNanos() >= back && s.startedNanos() < back + RECOVERY.toNanos());
        report("after that", all, s -> s.startedNanos() >= back + RECOVERY.toNanos());
        for (Kind kind : List.of(Kind.LOGIN, Kind.REGISTER, Kind.READY, Kind.ME)) {
            all.stream().filter(s -> s.kind() == kind && s.startedNanos() >= back && isSuccess(s.status()))
                    .min(Comparator.comparingLong(Sample::startedNanos))
                    .ifPresent(first -> System.out.printf("DatabaseOutageUnderLoadIT: first %s success %d ms after PostgreSQL was back%n",
                            kind, Duration.ofNanos(first.endedNanos() - back).toMillis()));
        }
        System.out.printf("DatabaseOutageUnderLoadIT: %d registrations answered 201%n", acknowledged.size());
    }

    private static void report(String window, List<Sample> all, Predicate<Sample> in) {
        List<Sample> chosen = all.stream().filter(in).toList();
        for (Kind kind : Kind.values()) {
            List<Sample> ofKind = chosen.stream().filter(s -> s.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            long[] millis = ofKind.stream().mapToLong(Sample::tookNanos).sorted().toArray();
            Map<Integer, Long> statuses = ofKind.stream().collect(Collectors.groupingBy(Sample::status, Collectors.counting()));
            System.out.printf("DatabaseOutageUnderLoadIT: %-30s %-13s n=%4d statuses=%s p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                    window, kind, ofKind.size(), statuses, millis[millis.length / 2] / 1e6,
                    millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)] / 1e6,
                    millis[millis.length - 1] / 1e6);
        }
    }

    private static boolean isSuccess(int status) {
        return status == 200 || status == 201;
    }

    private void register(int port) {
        String username = "load" + registrations.incrementAndGet();
        HttpResponse<String> response = timed(Kind.REGISTER, () -> send(HttpRequest.newBuilder(uri(port, "/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))));
        if (response != null && response.statusCode() == 201) {
            acknowledged.add(username);
        }
    }

    private HttpResponse<String> logIn(int port, String username) {
        return send(HttpRequest.newBuilder(uri(port, "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + PASSWORD.replace(' ', '+'))));
    }

    private HttpResponse<String> changePassword(int port, String token) {
        HttpResponse<String> changed = send(HttpRequest.newBuilder(uri(port, "/users/me/password"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}")));
        assertEquals(200, changed.statusCode(), changed.body());
        return changed;
    }

    private HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> timed(Kind kind, java.util.function.Supplier<HttpResponse<String>> call) {
        long started = System.nanoTime();
        HttpResponse<String> response = call.get();
        long took = System.nanoTime() - started;
        samples.add(new Sample(kind, started, took, response == null ? -1 : response.statusCode(),
                response != null && response.headers().firstValue("Retry-After").isPresent()));
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Thread worker(String name, AtomicBoolean running, Runnable call) {
        return Thread.ofPlatform().name("outage-load-" + name).start(() -> {
            while (running.get()) {
                call.run();
                try {
                    Thread.sleep(WORKERS_PAUSE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        });
    }

    private static Set<String> missing(int pgPort, Set<String> usernames) throws Exception {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", null);
             PreparedStatement select = connection.prepareStatement("SELECT username_canonical FROM users");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        return usernames.stream().filter(name -> !stored.contains(name)).collect(Collectors.toSet());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Never cleaned on close: the restarted server must find the data the first one wrote. */
    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
