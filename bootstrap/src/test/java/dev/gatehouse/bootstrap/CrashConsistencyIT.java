package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during a registration load: after a restart on the same PostgreSQL, every user whose
 * registration was answered 201 exists and can log in. A 201 is only sent after the commit.
 */
class CrashConsistencyIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Map<String, String> SETTINGS = RequestBudgets.off(Map.of(
            "GATEHOUSE_JWT_SECRET", "crash-test-secret-of-at-least-32-bytes!!",
            "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
            "GATEHOUSE_ARGON2_ITERATIONS", "1"));

    @Test
    void every_acknowledged_registration_survives_a_kill_9(@TempDir Path workDir) throws Exception {
        DatabaseSettings database = TestDatabases.freshPostgres();
        int port = GatehouseProcess.freePort();
        Process gatehouse = GatehouseProcess.start(database, port, SETTINGS, workDir.resolve("first.log"));
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            GatehouseProcess.awaitReady(http, port, gatehouse, workDir.resolve("first.log"));
            for (int client = 0; client < 8; client++) {
                int id = client;
                clients.submit(() -> {
                    for (int n = 0; loading.get() && n < 10_000; n++) {
                        String username = "crash-" + id + "-" + n;
                        try {
                            if (register(http, port, username).statusCode() == 201) {
                                acknowledged.add(username);
                            }
                        } catch (IOException | InterruptedException killedMidRequest) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(2_000);
            gatehouse.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
            assertTrue(gatehouse.waitFor(10, TimeUnit.SECONDS));
            loading.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        System.out.printf("CrashConsistencyIT: %d registrations acknowledged before kill -9%n", acknowledged.size());
        assertTrue(acknowledged.size() > 10, "the load should have registered users before the kill");

        Process restarted = GatehouseProcess.start(database, port, SETTINGS, workDir.resolve("second.log"));
        try {
            GatehouseProcess.awaitReady(http, port, restarted, workDir.resolve("second.log"));
            List<String> lost = acknowledged.stream().filter(username -> logIn(http, port, username) != 200).toList();
            assertEquals(List.of(), lost, "acknowledged but not there after the restart");
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> register(HttpClient http, int port, String username) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int logIn(HttpClient http, int port, String username) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + PASSWORD.replace(' ', '+')))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }
}
