package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.in.cli.CommandLine;
import dev.gatehouse.adapter.in.cli.ExitStatus;
import dev.gatehouse.adapter.in.cli.Terminal;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Username;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users brought by {@code import-users} log in through HTTP with their old passwords, on the embedded database and
 * on PostgreSQL: passlib's pbkdf2_sha256/sha512/sha1, argon2 and bcrypt hashes (made by passlib, htpasswd) and
 * Keycloak's pbkdf2-sha256/sha512 and argon2 credentials (computed as Keycloak computes them), from a neutral JSON
 * file and a realm export. The first login stores an argon2id hash of the configured cost; a re-run before it
 * changes nothing, a dry run writes nothing, and a hash with a million times the rounds is refused and cannot log in.
 */
class ImportUsersIT {

    /** Made by {@code htpasswd -nbBC 10 legacy 'correct horse battery'}, outside Gatehouse's code (as PasswordUpgradeIT). */
    private static final String HTPASSWD_BCRYPT = "$2y$10$ZS044cS0VrX6HCBTry.D0uSur8CZtHJwHIsMj64ACCzHPD0rLWyl.";

    @TempDir
    Path dir;

    private record Outcome(ExitStatus status, String out, String err) {
    }

    @Test
    void imported_users_log_in_with_their_old_passwords_on_the_embedded_database() throws Exception {
        importsAndLogsIn(DatabaseSettings.embedded(dir.resolve("data")));
    }

    @Test
    void imported_users_log_in_with_their_old_passwords_on_postgresql() throws Exception {
        importsAndLogsIn(TestDatabases.freshPostgres());
    }

    private void importsAndLogsIn(DatabaseSettings database) throws Exception {
        GatehouseSettings settings = GatehouseIT.settingsOn(database);
        Map<String, String> passwords = new LinkedHashMap<>();
        StringBuilder neutral = new StringBuilder("{\"users\": [\n");
        List<String[]> passlib = vectors("passlib-vectors.tsv");
        for (int i = 0; i < passlib.size(); i++) {
            String name = "passlib" + i;
            passwords.put(name, passlib.get(i)[0]);
            neutral.append("{\"username\": \"").append(name).append("\", \"email\": \"").append(name)
                    .append("@example.com\", \"roles\": [\"admin\"], \"password_hash\": \"").append(passlib.get(i)[1]).append("\"},\n");
        }
        passwords.put("htpasswd", "correct horse battery");
        neutral.append("{\"username\": \"htpasswd\", \"password_hash\": \"").append(HTPASSWD_BCRYPT).append("\"},\n");
        String salt = Base64.getEncoder().withoutPadding().encodeToString(new byte[16]).replace('+', '.');
        String hash = Base64.getEncoder().withoutPadding().encodeToString(new byte[32]).replace('+', '.');
        neutral.append("{\"username\": \"greedy\", \"password_hash\": \"$pbkdf2-sha256$2000000000$").append(salt).append("$")
                .append(hash).append("\"}\n]}\n");
        Path neutralFile = Files.writeString(dir.resolve("fastapi-users.json"), neutral);

        StringBuilder realm = new StringBuilder("{\"realm\": \"acme\", \"clients\": [{\"clientId\": \"app\"}], \"users\": [\n");
        List<String[]> keycloak = vectors("keycloak-vectors.tsv");
        for (int i = 0; i < keycloak.size(); i++) {
            String name = "keycloak" + i;
            passwords.put(name, keycloak.get(i)[0]);
            realm.append(i == 0 ? "" : ",\n").append("{\"username\": \"").append(name).append("\", \"enabled\": true,")
                    .append(" \"realmRoles\": [\"default-roles-acme\"], \"credentials\": [{\"type\": \"password\", \"secretData\": ")
                    .append(quoted(keycloak.get(i)[1])).append(", \"credentialData\": ").append(quoted(keycloak.get(i)[2])).append("}]}");
        }
        Path realmFile = Files.writeString(dir.resolve("realm-export.json"), realm.append("\n]}\n"));

        Outcome dryRun = run(settings, "import-users", neutralFile.toString(), "--dry-run");
        assertTrue(dryRun.out().contains("refused greedy (user " + (passlib.size() + 2) + "): password hash: 2000000000 rounds"),
                dryRun.out());
        assertTrue(dryRun.out().endsWith("dry run: would import " + (passlib.size() + 1) + ", already present 0, refused 1;"
                + " nothing was written\n"), dryRun.out());
        Outcome first = run(settings, "import-users", neutralFile.toString());
        assertEquals(ExitStatus.REFUSED, first.status(), first.err());
        assertTrue(first.out().endsWith("imported " + (passlib.size() + 1) + ", already present 0, refused 1\n"), first.out());
        Outcome keycloakRun = run(settings, "import-users", realmFile.toString());
        assertEquals(ExitStatus.SUCCESS, keycloakRun.status(), keycloakRun.out() + keycloakRun.err());
        Outcome rerun = run(settings, "import-users", realmFile.toString());
        assertEquals("imported 0, already present " + keycloak.size() + ", refused 0", rerun.out().lines().reduce((a, b) -> b).orElseThrow());

        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp http = new TestHttp(gatehouse.port());
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                assertEquals(401, http.logIn(user.getKey(), user.getValue() + "!").statusCode(), user.getKey());
            }
            Thread.sleep(1_100); // each account's backoff after its failed login
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                PasswordHash imported = storedHash(gatehouse, user.getKey());
                assertEquals(200, http.logIn(user.getKey(), user.getValue()).statusCode(), user.getKey() + " " + imported);
                PasswordHash upgraded = storedHash(gatehouse, user.getKey());
                assertTrue(upgraded.encoded().startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), user.getKey() + ": " + upgraded);
                assertEquals(200, http.logIn(user.getKey(), user.getValue()).statusCode(), "the new hash verifies: " + user.getKey());
            }
            assertEquals(401, http.logIn("greedy", "anything").statusCode());
            // The imported admin role is the administrators': its scope waits for a second factor (the default policy).
            HttpResponse<String> asAdmin = http.logIn("passlib0", passwords.get("passlib0"), Map.of("scope", "admin"));
            assertEquals(403, asAdmin.statusCode(), asAdmin.body());
            assertTrue(asAdmin.body().contains("\"error\":\"mfa_enrollment_required\""), asAdmin.body());
        }
        // The hashes changed at login: importing the file again leaves them alone.
        Outcome afterLogin = run(settings, "import-users", realmFile.toString());
        assertTrue(afterLogin.out().contains("refused keycloak0 (user 1): the username is taken by an account that differs in password hash"),
                afterLogin.out());
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(200, new TestHttp(gatehouse.port()).logIn("keycloak0", passwords.get("keycloak0")).statusCode());
        }
    }

    private static PasswordHash storedHash(Gatehouse gatehouse, String username) {
        return gatehouse.ports().users().findByUsername(new Username(username)).orElseThrow().passwordHash();
    }

    private static Outcome run(GatehouseSettings settings, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());
        ExitStatus status = CommandLine.standard().run(List.of(arguments), terminal,
                new DatabaseConsole(CommandSettings.always(settings), Clock.systemUTC()));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String[]> vectors(String name) throws IOException {
        try (var in = ImportUsersIT.class.getResourceAsStream("/imported-hashes/" + name)) {
            List<String[]> lines = new ArrayList<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> lines.add(line.split("\t")));
            return lines;
        }
    }
}
