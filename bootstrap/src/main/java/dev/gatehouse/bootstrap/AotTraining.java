package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A short run for the JDK's ahead-of-time cache to record ({@code -XX:AOTCacheOutput}, used by
 * {@code gatehouse.sh}): starts Gatehouse on a throw-away embedded database, sends each kind of request a few
 * times, and stops. The classes it loads and links are then ready at the next start, which cuts the cold start
 * by more than half. It never touches a configured database.
 */
final class AotTraining {

    private static final int ROUNDS = 20;

    private AotTraining() {
    }

    static void run() throws IOException, InterruptedException {
        Path dataDirectory = Files.createTempDirectory("gatehouse-aot-training");
        try {
            byte[] secret = new byte[GatehouseSettings.MINIMUM_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                    SettingsCatalogue.PORT.name(), "0",
                    SettingsCatalogue.DATA_DIR.name(), dataDirectory.toString(),
                    SettingsCatalogue.JWT_SECRET.name(), Base64.getEncoder().encodeToString(secret),
                    SettingsCatalogue.LOGIN_CLIENT_MAX_FAILURES.name(), "1000000")));
            try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
                exercise(URI.create("http://127.0.0.1:" + gatehouse.port()));
            }
            // Production runs on PostgreSQL, which training cannot reach: load its driver at least.
            Class.forName("org.postgresql.Driver");
            Class.forName("org.postgresql.core.v3.ConnectionFactoryImpl");
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("the PostgreSQL driver is not on the class path", missing);
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void exercise(URI base) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int round = 0; round < ROUNDS; round++) {
                String username = "trainee" + round;
                String password = "training-password-" + round;
                send(http, form(base, "/users/", "username=" + username + "&password=" + password + "&email=" + username + "%40example.com"));
                send(http, json(base, "/users/", "{\"username\":\"json" + round + "\",\"password\":\"" + password + "\"}"));
                HttpResponse<String> token = send(http, form(base, "/token", "grant_type=password&username=" + username + "&password=" + password));
                String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
                send(http, get(base, "/users/me").header("Authorization", "Bearer " + accessToken).build());
                send(http, get(base, "/users/me/").header("Authorization", "Bearer not.a.token").build());
                send(http, get(base, "/users/me").build());
                send(http, form(base, "/token", "username=" + username + "&password=wrong-password"));
                send(http, form(base, "/token", "username=nobody" + round + "&password=wrong-password"));
                send(http, json(base, "/users/", "{\"username\":"));
                for (String path : new String[] {"/health/live", "/health/ready", "/metrics", "/openapi.json", "/docs", "/nowhere"}) {
                    send(http, get(base, path).build());
                }
            }
        }
    }

    private static HttpRequest form(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest json(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest.Builder get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
