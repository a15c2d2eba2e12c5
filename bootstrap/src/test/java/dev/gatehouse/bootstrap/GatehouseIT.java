package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.cli.Terminal;

import dev.gatehouse.adapter.in.cli.ExitStatus;

import dev.gatehouse.adapter.in.cli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole assembly, real adapters on each supported database: register, log in, read the profile. */
class GatehouseIT {

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
            assertEquals(200, new TestHttp(restarted.port()).logIn("jane", "correct horse battery").statusCode());
        }
    }

    @Test
    void seeds_the_tutorial_users_in_demo_mode(@TempDir Path dataDir) throws Exception {
        GatehouseSettings demo = withDemo(settingsOn(DatabaseSettings.embedded(dataDir)));
        try (Gatehouse gatehouse = Gatehouse.start(demo, Clock.systemUTC())) {
            TestHttp client = new TestHttp(gatehouse.port());
            HttpResponse<String> johndoe = client.logIn("johndoe", "secret");
            assertEquals(200, johndoe.statusCode());
            assertTrue(client.me(TestHttp.accessToken(johndoe)).body().contains("\"full_name\":\"John Doe\""));

            // A disabled account is refused at the door exactly like a wrong password, so the answer
            // does not reveal that the account exists.
            HttpResponse<String> alice = client.logIn("alice", "secret2");
            assertEquals(401, alice.statusCode());
            assertEquals(client.logIn("nobody-at-all", "secret2").body(), alice.body());
        }
    }

    @Test
    void a_real_run_refuses_a_database_the_demo_seeded_until_its_users_are_disabled(@TempDir Path dataDir) {
        GatehouseSettings demo = withDemo(settingsOn(DatabaseSettings.embedded(dataDir)));
        Gatehouse.start(demo, Clock.systemUTC()).close();
        GatehouseSettings real = settingsOn(DatabaseSettings.embedded(dataDir));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Gatehouse.start(real, Clock.systemUTC()));

        assertTrue(refused.getMessage().startsWith("this database holds the demo account(s) johndoe with the password(s) "
                + "published in the README"), refused.getMessage());
        assertTrue(refused.getMessage().contains("gatehouse disable johndoe"), refused.getMessage());
        Terminal quiet = new Terminal(new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                java.util.Optional.empty());
        assertEquals(ExitStatus.SUCCESS, CommandLine.standard().run(java.util.List.of("disable", "johndoe"), quiet, new DatabaseConsole(CommandSettings.always(real),
                Clock.systemUTC())));
        try (Gatehouse started = Gatehouse.start(real, Clock.systemUTC())) {
            assertEquals(401, new TestHttp(started.port()).logIn("johndoe", "secret").statusCode());
        }
    }

    @Test
    void names_the_configured_issuer_in_the_rfc_8414_metadata_and_in_tokens_which_name_a_client_too(@TempDir Path dataDir) {
        java.util.Map<String, String> env = testSettings(false);
        env.put("GATEHOUSE_ISSUER", "http://localhost:18443/auth");
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(env)).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp client = new TestHttp(gatehouse.port());
            String metadata = client.get("/.well-known/oauth-authorization-server").body();
            assertTrue(metadata.contains("\"issuer\":\"http://localhost:18443/auth\""), metadata);
            assertTrue(metadata.contains("\"token_endpoint\":\"http://localhost:18443/auth/token\""), metadata);

            assertEquals(201, client.register("jane", "correct horse battery").statusCode());
            String token = TestHttp.accessToken(client.logIn("jane", "correct horse battery"));
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(payload.contains("\"iss\":\"http://localhost:18443/auth\""), payload);
            assertTrue(payload.contains("\"client_id\":\"" + dev.gatehouse.adapter.out.security.JwtSettings.DEFAULT_CLIENT_ID + "\""), payload);
            assertEquals(200, client.me(token).statusCode());
        }
    }

    private static void registerLogInAndReadProfile(int port) {
        TestHttp client = new TestHttp(port);
        HttpResponse<String> registered = client.register("jane", "correct horse battery");
        assertEquals(201, registered.statusCode(), registered.body());
        assertFalse(registered.body().contains("correct horse battery"));
        assertFalse(registered.body().contains("argon2"));

        HttpResponse<String> token = client.logIn("jane", "correct horse battery");
        assertEquals(200, token.statusCode(), token.body());

        HttpResponse<String> me = client.me(TestHttp.accessToken(token));
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"jane\""), me.body());

        // An unknown name: a wrong password for jane would (rightly) make her next login wait a second.
        assertEquals(401, client.logIn("no-such-user", "wrong password").statusCode());
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
