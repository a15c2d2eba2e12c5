package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.persistence.DatabaseSettings;
import dev.gatehouse.adapter.persistence.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole assembly, real adapters on each supported database: register, log in, read the profile. */
class GatehouseIT {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serves_the_tutorial_flow_on_postgresql() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settingsOn(TestDatabases.freshPostgres()), Clock.systemUTC())) {
            registerLogInAndReadProfile(gatehouse.port());
        }
    }

    @Test
    void serves_the_tutorial_flow_on_the_embedded_database_and_keeps_users_across_restarts(@TempDir Path dataDir)
            throws Exception {
        GatehouseSettings settings = settingsOn(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            registerLogInAndReadProfile(gatehouse.port());
        }
        try (Gatehouse restarted = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(200, logIn(restarted.port(), "jane", "correct horse battery").statusCode());
        }
    }

    @Test
    void seeds_the_tutorial_users_in_demo_mode(@TempDir Path dataDir) throws Exception {
        GatehouseSettings demo = withDemo(settingsOn(DatabaseSettings.embedded(dataDir)));
        try (Gatehouse gatehouse = Gatehouse.start(demo, Clock.systemUTC())) {
            HttpResponse<String> johndoe = logIn(gatehouse.port(), "johndoe", "secret");
            assertEquals(200, johndoe.statusCode());
            assertTrue(me(gatehouse.port(), accessToken(johndoe)).body().contains("\"full_name\":\"John Doe\""));

            // A disabled account is refused at the door exactly like a wrong password, so the answer
            // does not reveal that the account exists.
            HttpResponse<String> alice = logIn(gatehouse.port(), "alice", "secret2");
            assertEquals(401, alice.statusCode());
            assertEquals(logIn(gatehouse.port(), "nobody-at-all", "secret2").body(), alice.body());
        }
    }

    private void registerLogInAndReadProfile(int port) throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(uri(port, "/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"jane\",\"password\":\"correct horse battery\",\"full_name\":\"Jane Roe\"}")));
        assertEquals(201, registered.statusCode(), registered.body());
        assertFalse(registered.body().contains("correct horse battery"));
        assertFalse(registered.body().contains("argon2"));

        HttpResponse<String> token = logIn(port, "jane", "correct horse battery");
        assertEquals(200, token.statusCode(), token.body());

        HttpResponse<String> me = me(port, accessToken(token));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"jane\""), me.body());

        // An unknown name: a wrong password for jane would (rightly) make her next login wait a second.
        assertEquals(401, logIn(port, "no-such-user", "wrong password").statusCode());
    }

    private HttpResponse<String> logIn(int port, String username, String password) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password.replace(" ", "+"))));
    }

    private HttpResponse<String> me(int port, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, "/users/me")).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(HttpResponse<String> tokenResponse) {
        Matcher matcher = ACCESS_TOKEN.matcher(tokenResponse.body());
        assertTrue(matcher.find(), tokenResponse.body());
        return matcher.group(1);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static GatehouseSettings settingsOn(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(testSettings(false))).withDatabase(database);
    }

    private static GatehouseSettings withDemo(GatehouseSettings settings) {
        return GatehouseSettings.from(SettingSource.of(testSettings(true))).withDatabase(settings.database());
    }

    private static java.util.Map<String, String> testSettings(boolean demo) {
        java.util.Map<String, String> settings = new java.util.HashMap<>(java.util.Map.of(
                "GATEHOUSE_PORT", "0",
                // Cheap hashing keeps the suite fast; the argon2 adapter's own tests cover real parameters.
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"));
        if (demo) {
            settings.put("GATEHOUSE_DEMO", "true");
        } else {
            settings.put("GATEHOUSE_JWT_SECRET", "an-integration-test-secret-of-32-bytes-or-more");
        }
        return settings;
    }
}
