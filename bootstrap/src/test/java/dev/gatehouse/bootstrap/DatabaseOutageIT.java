package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under a running Gatehouse and comes back: meanwhile requests fail fast with 503 (bounded by
 * the pool's connection timeout) and readiness says DOWN; a valid token is answered from memory until the
 * stale-read bound has passed, then 503 too; afterwards the same process serves again on its own. A PostgreSQL
 * server of its own (stopped and restarted on the same data directory and port), not the shared one. The same
 * outage under load, with its latencies: {@link DatabaseOutageUnderLoadIT}.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration FAIL_FAST = Duration.ofSeconds(6);
    private static final Duration STALE_READS = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fails_fast_while_the_database_is_down_and_recovers_by_itself(@TempDir Path pgData) throws Exception {
        int pgPort = freePort();
        EmbeddedPostgres postgres = startPostgres(pgData, pgPort);
        DatabaseSettings database = new DatabaseSettings("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", null, 4);
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "outage-test-secret-of-at-least-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_STALE_READS", STALE_READS.toSeconds() + "s"))).withDatabase(database);
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp client = new TestHttp(gatehouse.port());
            assertEquals(201, client.register("jane", PASSWORD).statusCode());
            String token = TestHttp.accessToken(client.logIn("jane", PASSWORD));
            assertEquals(200, ready(gatehouse.port()).statusCode());
            assertEquals(200, client.me(token).statusCode());

            postgres.close();
            long stopped = System.nanoTime();
            assertEquals(200, client.me(token).statusCode(), "answered from memory within the stale-read bound");

            long started = System.nanoTime();
            HttpResponse<String> login = client.logIn("jane", PASSWORD);
            Duration loginTook = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, login.statusCode(), login.body());
            assertTrue(login.headers().firstValue("Retry-After").isPresent());
            assertTrue(loginTook.compareTo(FAIL_FAST) < 0, "login failed after " + loginTook);
            Thread.sleep(Math.max(0, Duration.ofNanos(stopped - System.nanoTime()).plus(STALE_READS).toMillis() + 100));
            // The median of five, so one pause of a busy machine (a collection, the JIT) does not decide it.
            List<Long> pastBoundMillis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                started = System.nanoTime();
                assertEquals(503, client.me(token).statusCode(), "past the stale-read bound");
                pastBoundMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            assertTrue(pastBoundMillis.stream().sorted().toList().get(2) < 100, "and at once: " + pastBoundMillis + " ms");
            started = System.nanoTime();
            assertEquals(503, ready(gatehouse.port()).statusCode());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(FAIL_FAST) < 0, "readiness answered in time");
            System.out.printf("DatabaseOutageIT: with PostgreSQL down, a login answered 503 in %d ms%n", loginTook.toMillis());

            postgres = startPostgres(pgData, pgPort);
            long restarted = System.nanoTime();
            awaitReady(gatehouse.port());
            System.out.printf("DatabaseOutageIT: ready again %d ms after PostgreSQL restarted%n",
                    Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            assertEquals(200, client.logIn("jane", PASSWORD).statusCode(), "the same process recovered, and nothing was lost");
            assertEquals(200, client.me(token).statusCode());
        } finally {
            postgres.close();
        }
    }

    /** Never cleaned on close: the restarted server must find the data the first one wrote. */
    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private HttpResponse<String> ready(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(port).statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        fail("Gatehouse did not become ready within 60 s of PostgreSQL's restart");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
