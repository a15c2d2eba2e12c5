package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of the real assembly: health that asks the database, and Prometheus metrics whose
 * counters move with the logins that happen.
 */
class OperationsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void health_answers_and_metrics_count_what_happens() throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "operations-test-secret-of-at-least-32-bytes",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(TestDatabases.freshPostgres());
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            DemoUsers.seed(gatehouse.ports().users(), gatehouse.ports().passwordHasher(), Clock.systemUTC());
            int port = gatehouse.port();

            HttpResponse<String> live = get(port, "/health/live");
            assertEquals(200, live.statusCode());
            assertTrue(live.headers().firstValue("X-Request-Id").isPresent(), "every answer carries a request id");
            HttpResponse<String> ready = get(port, "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"name\":\"database\"") && ready.body().contains("\"status\":\"UP\""), ready.body());

            String before = get(port, "/metrics").body();
            HttpResponse<String> loggedIn = new TestHttp(port).logIn("johndoe", "secret");
            assertEquals(200, loggedIn.statusCode());
            String accessToken = jakarta.json.Json.createReader(new java.io.StringReader(loggedIn.body())).readObject()
                    .getString("access_token");
            assertEquals(200, new TestHttp(port).me(accessToken).statusCode());
            assertEquals(200, new TestHttp(port).me(accessToken).statusCode());
            assertEquals(200, new TestHttp(port).logIn("johndoe", "secret").statusCode());
            assertEquals(401, new TestHttp(port).logIn("nobody", "wrong password").statusCode());
            HttpResponse<String> metrics = get(port, "/metrics");
            String after = metrics.body();

            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertEquals(2, value(after, "gatehouse_logins_total", "outcome=\"succeeded\"") - value(before, "gatehouse_logins_total", "outcome=\"succeeded\""));
            assertEquals(1, value(after, "gatehouse_logins_total", "outcome=\"failed\"") - value(before, "gatehouse_logins_total", "outcome=\"failed\""));
            assertEquals(2, value(after, "gatehouse_tokens_issued_total", "") - value(before, "gatehouse_tokens_issued_total", ""));
            assertEquals(3, value(after, "gatehouse_password_hash_duration_seconds_count", "operation=\"verify\"")
                    - value(before, "gatehouse_password_hash_duration_seconds_count", "operation=\"verify\""));
            assertEquals(2, value(after, "gatehouse_http_requests_total", "route=\"/token\"", "status=\"200\"")
                    - value(before, "gatehouse_http_requests_total", "route=\"/token\"", "status=\"200\""));
            assertEquals(10, value(after, "gatehouse_db_pool_connections_max", ""));
            // The second token check found johndoe in the user cache; operators see it on the gauges.
            assertTrue(value(after, "gatehouse_user_cache_hits", "") - value(before, "gatehouse_user_cache_hits", "") >= 1, after);
            assertTrue(after.lines().anyMatch(line -> line.startsWith("gatehouse_user_cache_hit_ratio ")), after);
            assertTrue(value(after, "gatehouse_user_cache_size", "") >= 1, after);
        }
    }

    @Test
    void serves_health_and_metrics_only_on_the_admin_port_when_one_is_set(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dataDir)
            throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "operations-test-secret-of-at-least-32-bytes",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ADMIN_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(dev.gatehouse.adapter.out.persistence.DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            int api = gatehouse.port();
            int admin = gatehouse.adminPort();
            assertTrue(admin > 0 && admin != api, api + " / " + admin);

            for (String path : java.util.List.of("/health/live", "/health/ready", "/metrics")) {
                assertEquals(200, get(admin, path).statusCode(), path + " on the admin port");
                HttpResponse<String> onApi = get(api, path);
                assertEquals(404, onApi.statusCode(), path + " on the API port");
                assertEquals("{\"detail\":\"Not Found\"}", onApi.body(), "the documented JSON shape");
            }
            assertEquals(201, new TestHttp(api).register("jane", "correct horse battery").statusCode(), "the API stays");
            assertEquals(404, get(admin, "/users/me").statusCode(), "and is not on the admin port");
            assertTrue(get(admin, "/metrics").body().contains("gatehouse_http_requests_total"));
        }
    }

    /** The sample's value: the first line of that metric carrying every given label (0 when absent). */
    private static double value(String exposition, String metric, String... labels) {
        return exposition.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
