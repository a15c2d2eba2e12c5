package dev.gatehouse.adapter.in.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.service.ImportUsersService;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-users} over the real use case and in-memory ports: the neutral JSON and CSV formats and a Keycloak
 * realm export, the report, idempotent re-runs, dry runs, and files that are broken or hostile (huge rounds, broken
 * JSON, a 10 MB line or value), which store nothing half-done. Login with the imported hashes is in bootstrap's
 * ImportUsersIT, on H2 and PostgreSQL.
 */
class ImportUsersCommandTest {

    private static final String SALT = ab64(new byte[16]);
    private static final String PBKDF2 = "$pbkdf2-sha256$29000$" + SALT + "$" + ab64(new byte[32]);
    private static final String ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$" + b64(new byte[16]) + "$" + b64(new byte[32]);
    private static final String BCRYPT = "$2b$12$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    private static final String HUGE_ROUNDS = "$pbkdf2-sha256$999999999$" + SALT + "$" + ab64(new byte[32]);

    @TempDir
    Path dir;
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final AtomicInteger opened = new AtomicInteger();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void imports_the_neutral_json_format_reports_each_user_and_a_rerun_changes_nothing() throws IOException {
        Path file = write("users.json", """
                {"users": [
                  {"username": "alice", "email": "alice@example.com", "full_name": "Alice Liddell", "disabled": false,
                   "roles": ["admin"], "password_hash": "%s"},
                  {"username": "bob", "password_hash": "%s", "disabled": true},
                  {"username": "carol", "email": "not an address", "password_hash": "%s"},
                  {"username": "dave", "password_hash": "%s"},
                  {"username": "erin", "password_hash": "%s", "roles": ["wizard"]}
                ]}
                """.formatted(PBKDF2, ARGON2, BCRYPT, HUGE_ROUNDS, BCRYPT));

        assertEquals(ExitStatus.REFUSED, run("import-users", file.toString()));

        assertEquals("""
                imported alice (user 1)
                imported bob (user 2)
                refused carol (user 3): invalid email: %s
                refused dave (user 4): password hash: 999999999 rounds cost more than the bound
                refused erin (user 5): unknown role wizard (GATEHOUSE_ROLE_SCOPES names admin)
                imported 2, already present 0, refused 3
                """.formatted(emailError("not an address")), withoutBoundDetail(out()));
        assertEquals("gatehouse import-users: 3 of 5 users refused (the report names them and why)\n", err());
        User alice = users.findByUsername(new Username("alice")).orElseThrow();
        assertEquals(new PasswordHash(PBKDF2), alice.passwordHash());
        assertEquals(Optional.of(new EmailAddress("alice@example.com")), alice.email());
        assertEquals(Optional.of(new FullName("Alice Liddell")), alice.fullName());
        assertEquals(Set.of(Role.ADMIN), alice.roles());
        assertTrue(users.findByUsername(new Username("bob")).orElseThrow().isDisabled());
        assertTrue(users.findByUsername(new Username("dave")).isEmpty(), "a hash above the bound is never stored");
        assertEquals(2, audit.events().size());

        out.reset();
        err.reset();
        assertEquals(ExitStatus.REFUSED, run("import-users", file.toString()));

        assertTrue(out().startsWith("already present alice (user 1)\nalready present bob (user 2)\n"), out());
        assertTrue(out().endsWith("imported 0, already present 2, refused 3\n"), out());
        assertEquals(alice, users.findByUsername(new Username("alice")).orElseThrow());
        assertEquals(2, audit.events().size(), "the re-run recorded nothing");
    }

    @Test
    void imports_csv_with_quoted_fields_and_roles_and_a_dry_run_writes_nothing() throws IOException {
        Path file = write("users.csv", "username,email,full_name,disabled,roles,password_hash\r\n"
                + "alice,alice@example.com,\"Liddell, Alice \"\"Al\"\"\",false,admin," + PBKDF2 + "\r\n"
                + "\r\n"
                // An argon2 hash holds commas: quoted, as any CSV writer quotes it.
                + "bob,,,true,,\"" + ARGON2 + "\"\r\n"
                + "carol,,,maybe,," + BCRYPT + "\r\n");

        assertEquals(ExitStatus.REFUSED, run("import-users", file.toString(), "--dry-run"), err());

        assertEquals("""
                would import alice (line 2)
                would import bob (line 4)
                refused carol (line 5): disabled must be true, false or empty, not 'maybe'
                dry run: would import 2, already present 0, refused 1; nothing was written
                """, out(), err());
        assertTrue(users.findByUsername(new Username("alice")).isEmpty());
        assertEquals(List.of(), audit.events());

        out.reset();
        run("import-users", file.toString());

        User alice = users.findByUsername(new Username("alice")).orElseThrow();
        assertEquals(Optional.of(new FullName("Liddell, Alice \"Al\"")), alice.fullName());
        assertEquals(Set.of(Role.ADMIN), alice.roles());
        assertTrue(users.findByUsername(new Username("bob")).orElseThrow().isDisabled());
    }

    @Test
    void a_keycloak_realm_export_is_read_one_user_at_a_time_with_its_credentials_converted() throws IOException {
        List<String[]> vectors = keycloakVectors();
        StringBuilder realm = new StringBuilder("""
                {"id": "acme", "realm": "acme", "roles": {"realm": [{"name": "admin"}]},
                 "clients": [{"clientId": "app", "redirectUris": ["https://app.example/*"]}],
                 "users": [
                """);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            String[] vector = vectors.get(i);
            realm.append("""
                    {"id": "u%d", "username": "user%d", "enabled": %s, "email": "user%d@example.com", "firstName": "User",
                     "lastName": "%d", "realmRoles": ["default-roles-acme", "offline_access", "uma_authorization"%s],
                     "credentials": [{"type": "password", "userLabel": "My password", "secretData": %s, "credentialData": %s}]},
                    """.formatted(i, i, i % 2 == 0, i, i, i == 0 ? ", \"admin\"" : "", quoted(vector[1]), quoted(vector[2])));
            expected.add(independentlyConverted(vector[1], vector[2]));
        }
        realm.append("""
                {"username": "federated", "federationLink": "ldap-1", "credentials": []},
                {"username": "legacy", "credentials": [{"type": "password",
                  "secretData": "{\\"value\\":\\"abc=\\",\\"salt\\":\\"abc=\\"}",
                  "credentialData": "{\\"hashIterations\\":10,\\"algorithm\\":\\"md5\\"}"}]}
                ], "groups": [], "smtpServer": {}}
                """);
        Path file = write("realm-export.json", realm.toString());

        assertEquals(ExitStatus.REFUSED, run("import-users", file.toString()));

        for (int i = 0; i < vectors.size(); i++) {
            User user = users.findByUsername(new Username("user" + i)).orElseThrow(() -> new AssertionError(out()));
            assertEquals(new PasswordHash(expected.get(i)), user.passwordHash());
            assertEquals(i % 2 != 0, user.isDisabled());
            assertEquals(Optional.of(new FullName("User " + i)), user.fullName());
            assertEquals(i == 0 ? Set.of(Role.ADMIN) : Set.of(), user.roles());
        }
        assertTrue(out().contains("refused federated (user " + (vectors.size() + 1) + "): no password credential"), out());
        assertTrue(out().contains("refused legacy (user " + (vectors.size() + 2) + "): the Keycloak algorithm 'md5' is not one"), out());
        assertTrue(out().endsWith("imported " + vectors.size() + ", already present 0, refused 2\n"), out());
    }

    @Test
    void broken_json_anywhere_stores_nothing_and_says_where() throws IOException {
        Path file = write("users.json", """
                {"users": [
                  {"username": "alice", "password_hash": "%s"},
                  {"username": "bob", "password_hash": "%s"},
                  {"username": "carol", "password_hash": "%s",
                ]}
                """.formatted(PBKDF2, PBKDF2, PBKDF2));

        assertEquals(ExitStatus.REFUSED, run("import-users", file.toString()));

        assertTrue(err().startsWith("gatehouse import-users: " + file + ": broken JSON at line 5"), err());
        assertTrue(err().endsWith("; nothing was imported\n"), err());
        assertEquals("", out());
        assertEquals(0, opened.get(), "the database was not even opened");
        assertTrue(users.findByUsername(new Username("alice")).isEmpty());
    }

    @Test
    void duplicate_keys_truncated_files_and_other_shapes_are_broken_files() throws IOException {
        for (String broken : List.of(
                "{\"users\": [{\"username\": \"alice\", \"username\": \"root\", \"password_hash\": \"" + PBKDF2 + "\"}]}",
                "{\"users\": [{\"username\": \"alice\", \"password_hash\": \"" + PBKDF2 + "\"}",
                "[{\"username\": \"alice\"}]",
                "{\"users\": {}}",
                "{\"users\": [1]}",
                "{\"users\": []} {}",
                "")) {
            err.reset();
            Path file = write("broken.json", broken);

            assertEquals(ExitStatus.REFUSED, run("import-users", file.toString()), broken);
            assertTrue(err().endsWith("; nothing was imported\n"), broken + " -> " + err());
        }
        assertEquals(0, opened.get());
    }

    @Test
    void a_10_mb_line_or_value_stops_the_file_before_anything_is_stored_without_holding_it_in_memory() throws IOException {
        String huge = "x".repeat(10 * 1024 * 1024);
        Path csv = write("huge.csv", "username,email,full_name,disabled,roles,password_hash\nalice,,,,," + PBKDF2 + "\nbob,,"
                + huge + ",,," + PBKDF2 + "\n");
        Path json = write("huge.json", "{\"users\": [{\"username\": \"alice\", \"password_hash\": \"" + PBKDF2
                + "\"}, {\"username\": \"bob\", \"full_name\": \"" + huge + "\", \"password_hash\": \"" + PBKDF2 + "\"}]}");
        Path skipped = write("huge-realm.json", "{\"clients\": [{\"description\": \"" + huge + "\"}], \"users\": [{\"username\":"
                + " \"alice\", \"password_hash\": \"" + PBKDF2 + "\"}]}");

        assertEquals(ExitStatus.REFUSED, run("import-users", csv.toString()));
        assertTrue(err().contains("line 3 is longer than 65536 characters; nothing was imported"), err());
        err.reset();
        assertEquals(ExitStatus.REFUSED, run("import-users", json.toString()));
        assertTrue(err().contains("a user record or a value of the file is larger than 256 KiB; nothing was imported"), err());
        err.reset();
        assertEquals(ExitStatus.REFUSED, run("import-users", skipped.toString()));
        assertTrue(err().contains("larger than 256 KiB; nothing was imported"), err());

        assertTrue(users.findByUsername(new Username("alice")).isEmpty());
        assertEquals(0, opened.get());
    }

    @Test
    void a_file_that_does_not_exist_or_a_wrong_format_is_a_usage_error() throws IOException {
        assertEquals(ExitStatus.USAGE, run("import-users", dir.resolve("missing.json").toString()));
        assertEquals(ExitStatus.USAGE, run("import-users", write("u.json", "{}").toString(), "--format", "xml"));
        assertEquals(ExitStatus.USAGE, run("import-users"));
        assertEquals(0, opened.get());
    }

    @Test
    void streams_a_large_file_with_the_memory_of_one_user() throws IOException {
        Path file = dir.resolve("many.json");
        int count = 20_000;
        try (Writer writer = Files.newBufferedWriter(file)) {
            writer.write("{\"users\": [");
            for (int i = 0; i < count; i++) {
                writer.write((i == 0 ? "" : ",") + "{\"username\": \"user" + i + "\", \"email\": \"user" + i
                        + "@example.com\", \"password_hash\": \"" + PBKDF2 + "\"}\n");
            }
            writer.write("]}");
        }
        AtomicInteger imported = new AtomicInteger();
        // A use case that keeps nothing: what the command holds is all that could grow.
        ConsoleOpener counting = signingSecretRequired -> opened(useCases(command -> {
            imported.incrementAndGet();
            return new dev.gatehouse.application.port.in.ImportUserResult.Imported(command.username(), true);
        }));

        assertEquals(ExitStatus.SUCCESS, run(counting, "import-users", file.toString()));

        assertEquals(count, imported.get());
        assertTrue(out().endsWith("imported " + count + ", already present 0, refused 0\n"));
    }

    private ExitStatus run(String... arguments) {
        PasswordHasher hasher = new AdmittingHasher();
        ImportUsersService service = new ImportUsersService(users, hasher, ScopePolicy.DEFAULT, audit,
                MutableClock.startingNow());
        return run(signingSecretRequired -> opened(useCases(service)), arguments);
    }

    private ExitStatus run(ConsoleOpener opener, String... arguments) {
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());
        return CommandLine.standard().run(List.of(arguments), terminal, opener);
    }

    private ConsoleOpener.Opened opened(ConsoleUseCases useCases) {
        opened.incrementAndGet();
        return new ConsoleOpener.Opened() {
            @Override
            public ConsoleUseCases useCases() {
                return useCases;
            }

            @Override
            public void close() {
            }
        };
    }

    private static ConsoleUseCases useCases(dev.gatehouse.application.port.in.ImportUsersUseCase importUsers) {
        return new ConsoleUseCases(command -> { throw new AssertionError(); }, (action, role, held) -> { throw new AssertionError(); },
                (action, enabled) -> { throw new AssertionError(); }, action -> { throw new AssertionError(); },
                action -> { throw new AssertionError(); }, action -> { throw new AssertionError(); },
                query -> { throw new AssertionError(); }, Optional.empty(), Optional.empty(), ScopePolicy.DEFAULT,
                Optional.empty(), Duration.ZERO, action -> { throw new AssertionError(); }, importUsers);
    }

    /**
     * Admits what the real hasher reads, by prefix, and refuses pbkdf2 above 2,000,000 rounds as it does: a fake of
     * the port (the real bounds are adapters-security's ImportedHashesTest).
     */
    private static final class AdmittingHasher implements PasswordHasher {

        @Override
        public PasswordHash hash(PlainPassword password) {
            throw new AssertionError("an import never hashes");
        }

        @Override
        public boolean verify(PlainPassword password, PasswordHash hash) {
            throw new AssertionError("an import never verifies");
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return true;
        }

        @Override
        public void waitLikeAVerification() {
        }

        @Override
        public Optional<String> importRefusal(PasswordHash hash) {
            String encoded = hash.encoded();
            if (encoded.startsWith("$pbkdf2")) {
                long rounds = Long.parseLong(encoded.split("\\$")[2]);
                return rounds > 2_000_000 ? Optional.of(rounds + " rounds cost more than the bound of 2000000") : Optional.empty();
            }
            return encoded.startsWith("$argon2id$") || encoded.startsWith("$2b$") ? Optional.empty() : Optional.of("unknown");
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String withoutBoundDetail(String report) {
        return report.replace(" of 2000000", "");
    }

    private static String emailError(String raw) {
        try {
            new EmailAddress(raw);
            throw new AssertionError(raw + " is valid");
        } catch (IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<String[]> keycloakVectors() throws IOException {
        try (var in = ImportUsersCommandTest.class.getResourceAsStream("/imported-hashes/keycloak-vectors.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> line.split("\t")).toList();
        }
    }

    /** A JSON string holding {@code json}, as realm exports write secretData and credentialData. */
    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The stored form, worked out here by string surgery on the vector (not by the importer's JSON reading). */
    private static String independentlyConverted(String secretData, String credentialData) {
        String value = between(secretData, "\"value\":\"", "\"");
        String salt = between(secretData, "\"salt\":\"", "\"");
        String algorithm = between(credentialData, "\"algorithm\":\"", "\"");
        String iterations = between(credentialData, "\"hashIterations\":", ",");
        if (algorithm.equals("argon2")) {
            return "$argon2id$v=19$m=" + between(credentialData, "\"memory\":[\"", "\"") + ",t=" + iterations + ",p="
                    + between(credentialData, "\"parallelism\":[\"", "\"") + "$" + salt.replace("=", "") + "$" + value.replace("=", "");
        }
        return "$" + algorithm + "$" + iterations + "$" + salt.replace("=", "").replace('+', '.') + "$"
                + value.replace("=", "").replace('+', '.');
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static String ab64(byte[] bytes) {
        return b64(bytes).replace('+', '.');
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
