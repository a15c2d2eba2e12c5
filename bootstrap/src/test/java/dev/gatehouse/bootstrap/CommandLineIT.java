package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.cli.Terminal;

import dev.gatehouse.adapter.in.cli.ExitStatus;

import dev.gatehouse.adapter.in.cli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands against a real database, in process, then checked through a started Gatehouse on that database:
 * the admin created at the command line logs in with the admin scope, a disabled user cannot log in, and a
 * forced rotation publishes a key that does not sign yet. Every change is in the audit trail as the console.
 */
class CommandLineIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern CREATED_KEY = Pattern.compile("created RS256 key ([A-Za-z0-9_-]+): published now, signing from ");

    /** What one command printed, and how it ended. */
    private record Outcome(ExitStatus status, String out, String err) {
    }

    @Test
    void administers_users_and_keys_on_the_embedded_database(@TempDir Path dataDir) throws Exception {
        administersUsersAndKeys(DatabaseSettings.embedded(dataDir));
    }

    @Test
    void administers_users_and_keys_on_postgresql() throws Exception {
        administersUsersAndKeys(TestDatabases.freshPostgres());
    }

    @Test
    void manages_users_without_a_signing_secret_and_asks_for_it_only_to_manage_keys(@TempDir Path dataDir) {
        CommandSettings withoutSecret = CommandSettings.of(SettingSource.of(Map.of(
                "GATEHOUSE_DATA_DIR", dataDir.toString(),
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024", "GATEHOUSE_ARGON2_ITERATIONS", "1")));

        Outcome created = run(withoutSecret, PASSWORD + "\n", "create-user", "root", "--admin");
        Outcome listed = run(withoutSecret, "", "list-users");
        Outcome rotated = run(withoutSecret, "", "rotate-keys");

        assertEquals(ExitStatus.SUCCESS, created.status(), created.err());
        assertEquals(ExitStatus.SUCCESS, listed.status(), listed.err());
        assertTrue(listed.out().contains("root"), listed.out());
        assertEquals(ExitStatus.USAGE, rotated.status());
        assertTrue(rotated.err().startsWith("gatehouse: GATEHOUSE_JWT_SECRET is not set"), rotated.err());
    }

    @Test
    void rotate_keys_says_that_hs256_has_no_keys_and_fails(@TempDir Path dataDir) {
        GatehouseSettings hs256 = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "an-integration-test-secret-of-32-bytes-or-more",
                "GATEHOUSE_JWT_ALGORITHM", "HS256"))).withDatabase(DatabaseSettings.embedded(dataDir));

        Outcome outcome = run(hs256, "", "rotate-keys");

        assertEquals(ExitStatus.REFUSED, outcome.status());
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith("gatehouse rotate-keys: tokens are signed with HS256 (GATEHOUSE_JWT_ALGORITHM=HS256)"),
                outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    @Test
    void rotate_keys_compromised_revokes_the_signing_key_and_its_successor_signs_at_once(@TempDir Path dataDir) throws Exception {
        DatabaseSettings database = DatabaseSettings.embedded(dataDir);
        GatehouseSettings settings = GatehouseIT.settingsOn(database);
        String compromised;
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp http = new TestHttp(gatehouse.port());
            assertEquals(201, http.register("jane", PASSWORD).statusCode());
            compromised = kidOf(TestHttp.accessToken(http.logIn("jane", PASSWORD)));
        }

        Outcome revoked = run(settings, "", "rotate-keys", "--compromised");
        assertEquals(ExitStatus.SUCCESS, revoked.status(), revoked.err());
        Matcher created = Pattern.compile("^revoked key " + compromised + "; created RS256 key ([A-Za-z0-9_-]+), which signs at once")
                .matcher(revoked.out());
        assertTrue(created.find(), revoked.out());
        String successor = created.group(1);
        assertOutcome(ExitStatus.SUCCESS, "key " + compromised + " was already revoked; nothing changed\n", "",
                run(settings, "", "revoke-key", "--", compromised));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse revoke-key: no signing key never-stored is stored (the key set at"
                + " /.well-known/jwks.json names the published ones)\n", run(settings, "", "revoke-key", "never-stored"));

        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(successor, kidOf(TestHttp.accessToken(new TestHttp(gatehouse.port()).logIn("jane", PASSWORD))));
            String keySet = keySet(gatehouse.port());
            assertFalse(keySet.contains(compromised), keySet);
            assertTrue(keySet.contains(successor), keySet);
        }
        List<String> audit = auditTrail(database);
        assertTrue(audit.contains("signing_key_rotated " + successor + " (console)"), audit.toString());
        assertTrue(audit.contains("signing_key_revoked " + compromised + " (console)"), audit.toString());
        assertEquals(1, audit.stream().filter(event -> event.startsWith("signing_key_revoked")).count(), audit.toString());
    }

    @Test
    void revoke_key_says_that_hs256_has_no_keys_and_fails(@TempDir Path dataDir) {
        GatehouseSettings hs256 = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "an-integration-test-secret-of-32-bytes-or-more",
                "GATEHOUSE_JWT_ALGORITHM", "HS256"))).withDatabase(DatabaseSettings.embedded(dataDir));

        Outcome outcome = run(hs256, "", "revoke-key", "some-key");

        assertEquals(ExitStatus.REFUSED, outcome.status());
        assertTrue(outcome.err().startsWith("gatehouse revoke-key: tokens are signed with HS256"), outcome.err());
        assertEquals(ExitStatus.REFUSED, run(hs256, "", "rotate-keys", "--compromised").status());
    }

    @Test
    void a_database_that_cannot_be_opened_is_a_failure_named_in_one_line() {
        GatehouseSettings unreachable = GatehouseIT.settingsOn(
                new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/gatehouse", "gatehouse", "secret-password", 2));

        Outcome outcome = run(unreachable, "", "show-user", "root");

        assertEquals(ExitStatus.REFUSED, outcome.status());
        assertTrue(outcome.err().startsWith("gatehouse show-user: cannot open the database at jdbc:postgresql://127.0.0.1:1/gatehouse"),
                outcome.err());
        assertFalse(outcome.err().contains("secret-password"), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    private void administersUsersAndKeys(DatabaseSettings database) throws Exception {
        GatehouseSettings settings = GatehouseIT.settingsOn(database);
        String firstKey;
        // A deployment that has run once, so it has a signing key (the commands work on a fresh database too).
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp http = new TestHttp(gatehouse.port());
            assertEquals(201, http.register("warmup", PASSWORD).statusCode());
            firstKey = kidOf(TestHttp.accessToken(http.logIn("warmup", PASSWORD)));
        }

        assertOutcome(ExitStatus.SUCCESS, "created user root with the admin role\n", "",
                run(settings, PASSWORD + "\n", "create-user", "root", "--admin", "--email", "root@example.com", "--full-name", "Root Admin"));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse create-user: the username 'ROOT' is already taken\n",
                run(settings, PASSWORD + "\n", "create-user", "ROOT"));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse create-user: password rejected: password is too common; choose one that is harder to guess\n",
                run(settings, "password\n", "create-user", "weak"));
        assertOutcome(ExitStatus.SUCCESS, "created user bob\n", "", run(settings, PASSWORD + "\n", "create-user", "bob"));
        assertOutcome(ExitStatus.SUCCESS, "user bob is disabled\n", "", run(settings, "", "disable", "bob"));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse grant-role: unknown role 'wizard': GATEHOUSE_ROLE_SCOPES names only admin\n",
                run(settings, "", "grant-role", "bob", "wizard"));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse disable: no user named 'ghost'\n", run(settings, "", "disable", "ghost"));
        assertOutcome(ExitStatus.SUCCESS, "unlocked user root\n", "", run(settings, "", "unlock", "root"));
        assertOutcome(ExitStatus.SUCCESS, "ended every session of user root\n", "", run(settings, "", "end-sessions", "root"));
        assertOutcome(ExitStatus.SUCCESS, "removed the second factor of user root\n", "", run(settings, "", "reset-two-factor", "root"));
        assertOutcome(ExitStatus.SUCCESS, "queued a password-reset link for root to root@example.com\n", "",
                run(settings, "", "send-password-reset", "root"));
        assertOutcome(ExitStatus.REFUSED, "", "gatehouse send-password-reset: 'bob' is disabled, or a directory keeps its password: "
                + "a reset link could not set it\n", run(settings, "", "send-password-reset", "bob"));

        Outcome shown = run(settings, "", "show-user", "root");
        assertEquals(ExitStatus.SUCCESS, shown.status(), shown.err());
        assertTrue(shown.out().contains("email:     root@example.com\n"), shown.out());
        assertTrue(shown.out().contains("full name: Root Admin\n"), shown.out());
        assertTrue(shown.out().contains("status:    active\n"), shown.out());
        assertTrue(shown.out().contains("roles:     admin\n"), shown.out());
        assertFalse(shown.out().contains("argon2") || shown.out().contains("$"), "never the hash: " + shown.out());

        Outcome listed = run(settings, "", "list-users", "--search", "O", "--size", "2");
        assertEquals(ExitStatus.SUCCESS, listed.status(), listed.err());
        List<String> rows = listed.out().lines().toList();
        assertTrue(rows.get(0).startsWith("USERNAME  STATUS    ROLES  EMAIL"), listed.out());
        assertTrue(rows.get(1).startsWith("bob       disabled  -      -"), listed.out());
        assertTrue(rows.get(2).startsWith("root      active    admin  root@example.com"), listed.out());
        assertEquals("users 1-2 of 2 matching 'O', page 1 of 1", rows.get(3));

        Outcome rotated = run(settings, "", "rotate-keys");
        assertEquals(ExitStatus.SUCCESS, rotated.status(), rotated.err());
        Matcher created = CREATED_KEY.matcher(rotated.out());
        assertTrue(created.find(), rotated.out());
        String newKey = created.group(1);
        assertTrue(rotated.out().endsWith("key " + firstKey + " signs until then\n"), rotated.out());
        assertTrue(run(settings, "", "rotate-keys").out().startsWith("nothing created: key " + newKey + " is already published"));

        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            // An administrator made here gets the admin scope once it has a second factor (the default policy), and an
            // ordinary token to enrol with before that.
            HttpResponse<String> admin = logIn(gatehouse.port(), "root", PASSWORD, "admin");
            assertEquals(403, admin.statusCode(), admin.body());
            assertTrue(admin.body().contains("\"error\":\"mfa_enrollment_required\""), admin.body());
            HttpResponse<String> ordinary = logIn(gatehouse.port(), "root", PASSWORD, "me");
            assertEquals(200, ordinary.statusCode(), ordinary.body());
            assertEquals(401, new TestHttp(gatehouse.port()).logIn("bob", PASSWORD).statusCode(), "bob is disabled");

            String keySet = keySet(gatehouse.port());
            assertTrue(keySet.contains("\"kid\":\"" + firstKey + "\""), keySet);
            assertTrue(keySet.contains("\"kid\":\"" + newKey + "\""), "the new key is published at once: " + keySet);
            assertEquals(firstKey, kidOf(TestHttp.accessToken(ordinary)), "the new key does not sign yet");
        }

        List<String> audit = auditTrail(database);
        assertTrue(audit.contains("user_registered root "), audit.toString());
        assertTrue(audit.contains("role_assigned root (console)"), audit.toString());
        assertTrue(audit.contains("user_disabled bob (console)"), audit.toString());
        assertTrue(audit.contains("account_unlocked root (console)"), audit.toString());
        assertTrue(audit.contains("sessions_revoked root (console)"), audit.toString());
        assertTrue(audit.contains("password_reset_requested root (console)"), audit.toString());
        assertTrue(audit.contains("signing_key_rotated " + newKey + " (console)"), audit.toString());
    }

    private static Outcome run(GatehouseSettings settings, String stdin, String... arguments) {
        return run(CommandSettings.always(settings), stdin, arguments);
    }

    private static Outcome run(CommandSettings settings, String stdin, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());
        ExitStatus status = CommandLine.standard().run(List.of(arguments), terminal, new DatabaseConsole(settings, Clock.systemUTC()));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOutcome(ExitStatus status, String out, String err, Outcome outcome) {
        assertEquals(new Outcome(status, out, err), outcome);
    }

    private static HttpResponse<String> logIn(int port, String username, String password, String scope) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&scope=" + scope;
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String keySet(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            return answer.body();
        }
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    /** Every audit event as "type subject actor", read after the server closed (the embedded database is single-process). */
    private static List<String> auditTrail(DatabaseSettings database) throws Exception {
        List<String> events = new ArrayList<>();
        try (Database open = Database.open(database); Connection connection = open.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_type, subject, actor FROM audit_events ORDER BY occurred_at")) {
            while (rows.next()) {
                events.add(rows.getString(1) + " " + rows.getString(2) + " " + (rows.getString(3) == null ? "" : rows.getString(3)));
            }
        }
        return events;
    }
}
