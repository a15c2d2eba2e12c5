package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.in.cli.CommandLine;
import dev.gatehouse.adapter.in.cli.ExitStatus;
import dev.gatehouse.adapter.in.cli.Terminal;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients registered as data, through the admin API and the command line, on two instances sharing one database (H2
 * in this process, and PostgreSQL): a client registered on one instance is usable on the other at once, two concurrent
 * registrations of one id give one 201 and one 409, a removed client's refresh tokens stop working, a rotated secret
 * replaces the old one everywhere, and bad input is answered 4xx, never 5xx.
 */
class ClientsAsDataIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern SECRET = Pattern.compile("\"client_secret\":\"([A-Za-z0-9_-]+)\"");
    private static final Pattern PRINTED_SECRET = Pattern.compile("only its hash is kept\\): ([A-Za-z0-9_-]+)");

    static Stream<Arguments> vendors() {
        return Stream.of(Arguments.of("h2", (Supplier<DatabaseSettings>) TestDatabases::freshH2),
                Arguments.of("postgresql", (Supplier<DatabaseSettings>) TestDatabases::freshPostgres));
    }

    private static GatehouseSettings settings(DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                // Its administrator signs in with a password only.
                "GATEHOUSE_2FA_REQUIRED_ROLES", "none",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_CLIENTS", "web-app:public:first-party",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1")))).withDatabase(database);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void a_client_registered_on_one_instance_is_usable_on_the_other_at_once_and_gone_everywhere_once_removed(
            String vendor, Supplier<DatabaseSettings> fresh) throws Exception {
        GatehouseSettings settings = settings(fresh.get());
        assertEquals(ExitStatus.SUCCESS, run(settings, PASSWORD + "\n", "create-user", "root", "--admin").status());
        assertEquals(ExitStatus.SUCCESS, run(settings, PASSWORD + "\n", "create-user", "jane").status());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            String admin = TestHttp.accessToken(form(first.port(), "/token", Map.of("username", "root", "password", PASSWORD,
                    "scope", "admin", "client_id", "web-app"), Optional.empty()));

            HttpResponse<String> registered = json(first.port(), "POST", "/admin/clients", admin,
                    "{\"client_id\":\"reports\",\"type\":\"confidential\",\"grant_types\":[\"client_credentials\"],"
                            + "\"scopes\":[\"reports:read\"]}");
            assertEquals(201, registered.statusCode(), registered.body());
            assertEquals("/admin/clients/reports", registered.headers().firstValue("Location").orElseThrow());
            String secret = group(SECRET, registered.body());
            assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
            HttpResponse<String> shown = json(second.port(), "GET", "/admin/clients/reports", admin, null);
            assertEquals(200, shown.statusCode(), shown.body());
            assertFalse(shown.body().contains(secret), "the secret is shown once");
            assertFalse(shown.body().contains("client_secret"), shown.body());

            // Usable at once on the other instance, and only with its secret.
            assertEquals(200, clientCredentials(second.port(), "reports", secret).statusCode());
            assertEquals(401, clientCredentials(second.port(), "reports", secret + "x").statusCode());

            // A rotated secret replaces the old one on every instance.
            HttpResponse<String> rotated = json(second.port(), "POST", "/admin/clients/reports/secret", admin, "");
            assertEquals(200, rotated.statusCode(), rotated.body());
            String next = group(SECRET, rotated.body());
            assertNotEquals(secret, next);
            assertEquals(401, clientCredentials(first.port(), "reports", secret).statusCode());
            assertEquals(200, clientCredentials(first.port(), "reports", next).statusCode());

            // A public first-party client registered on the first instance; Jane signs in through it on the second.
            assertEquals(201, json(first.port(), "POST", "/admin/clients", admin,
                    "{\"client_id\":\"spa\",\"type\":\"public\",\"first_party\":true}").statusCode());
            HttpResponse<String> janes = form(second.port(), "/token", Map.of("username", "jane", "password", PASSWORD,
                    "client_id", "spa"), Optional.empty());
            assertEquals(200, janes.statusCode(), janes.body());
            String refreshToken = TestHttp.refreshToken(janes);

            HttpResponse<String> removed = json(first.port(), "DELETE", "/admin/clients/spa", admin, null);
            assertEquals(200, removed.statusCode(), removed.body());
            assertTrue(removed.body().contains("\"sessions_ended\":1"), removed.body());
            for (String client : List.of("spa", "web-app")) {
                HttpResponse<String> refreshed = form(second.port(), "/token", Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken, "client_id", client), Optional.empty());
                assertTrue(refreshed.statusCode() == 400 || refreshed.statusCode() == 401, client + ": " + refreshed.body());
            }
            assertEquals(404, json(second.port(), "GET", "/admin/clients/spa", admin, null).statusCode());
            assertEquals(401, form(second.port(), "/token", Map.of("username", "jane", "password", PASSWORD, "client_id", "spa"),
                    Optional.empty()).statusCode(), "a removed client is unknown everywhere at once");

            // A client of the settings cannot be shadowed, removed or rotated here.
            assertEquals(409, json(first.port(), "POST", "/admin/clients", admin,
                    "{\"client_id\":\"web-app\",\"type\":\"public\"}").statusCode());
            assertEquals(409, json(first.port(), "DELETE", "/admin/clients/web-app", admin, null).statusCode());

            // Bad input: a 4xx that names the field, never a 5xx.
            for (String body : List.of("{\"client_id\":\"x\",\"type\":\"public\",\"grant_types\":[\"implicit\"]}",
                    "{\"client_id\":\"x\",\"type\":\"public\",\"redirect_uris\":[\"https://x.example.com/cb#frag\"]}",
                    "{\"client_id\":\"x\",\"type\":\"public\",\"redirect_uris\":[\"https://*.example.com/cb\"]}",
                    "{\"client_id\":\"x\",\"type\":\"public\",\"post_logout_redirect_uris\":[\"https://x.example.com/bye#f\"]}",
                    "{\"client_id\":\"x\",\"type\":\"public\",\"post_logout_redirect_uris\":\"https://x.example.com/bye\"}",
                    "{\"client_id\":\"x y\",\"type\":\"public\"}", "{\"client_id\":\"x\",\"type\":\"public\",\"jwks\":{\"keys\":[]}}",
                    "{\"client_id\":\"x\"}", "not json", "{\"client_id\":\"" + "x".repeat(65) + "\",\"type\":\"public\"}")) {
                HttpResponse<String> refused = json(first.port(), "POST", "/admin/clients", admin, body);
                assertEquals(422, refused.statusCode(), body + " -> " + refused.body());
            }
            HttpResponse<String> withoutAdmin = json(first.port(), "POST", "/admin/clients", TestHttp.accessToken(janes),
                    "{\"client_id\":\"sneaky\",\"type\":\"public\",\"first_party\":true}");
            assertEquals(403, withoutAdmin.statusCode(), withoutAdmin.body());
            assertEquals(404, json(first.port(), "GET", "/admin/clients/sneaky", admin, null).statusCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void of_concurrent_registrations_of_one_id_on_two_instances_one_is_created_and_the_others_conflict(
            String vendor, Supplier<DatabaseSettings> fresh) throws Exception {
        GatehouseSettings settings = settings(fresh.get());
        assertEquals(ExitStatus.SUCCESS, run(settings, PASSWORD + "\n", "create-user", "root", "--admin").status());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            String admin = TestHttp.accessToken(form(first.port(), "/token", Map.of("username", "root", "password", PASSWORD,
                    "scope", "admin", "client_id", "web-app"), Optional.empty()));
            for (int round = 0; round < 5; round++) {
                String body = "{\"client_id\":\"raced-" + round + "\",\"type\":\"confidential\"}";
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> requests = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int port = i % 2 == 0 ? first.port() : second.port();
                    requests.add(() -> {
                        start.await();
                        return json(port, "POST", "/admin/clients", admin, body).statusCode();
                    });
                }
                ExecutorService pool = Executors.newFixedThreadPool(requests.size());
                try {
                    List<Future<Integer>> answers = new ArrayList<>();
                    requests.forEach(request -> answers.add(pool.submit(request)));
                    start.countDown();
                    Map<Integer, Integer> statuses = new HashMap<>();
                    for (Future<Integer> answer : answers) {
                        statuses.merge(answer.get(), 1, Integer::sum);
                    }
                    assertEquals(Map.of(201, 1, 409, 5), statuses, "round " + round);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void the_command_line_registers_lists_rotates_and_removes_clients_a_running_server_uses(
            String vendor, Supplier<DatabaseSettings> fresh) throws Exception {
        GatehouseSettings settings = settings(fresh.get());
        try (Gatehouse server = Gatehouse.start(settings, Clock.systemUTC())) {
            Outcome registered = run(settings, "", "register-client", "billing", "--type", "confidential",
                    "--grant-types", "client_credentials", "--scopes", "billing:read billing:write",
                    "--audiences", "https://billing.example.com");
            assertEquals(ExitStatus.SUCCESS, registered.status(), registered.err());
            String secret = group(PRINTED_SECRET, registered.out());
            assertEquals(200, clientCredentials(server.port(), "billing", secret).statusCode());

            Outcome spa = run(settings, "", "register-client", "spa", "--type", "public", "--first-party",
                    "--redirect-uris", "https://spa.example.com/callback http://127.0.0.1/callback",
                    "--post-logout-redirect-uris", "https://spa.example.com/goodbye");
            assertEquals(ExitStatus.SUCCESS, spa.status(), spa.err());
            assertFalse(spa.out().contains("secret"), spa.out());

            Outcome listed = run(settings, "", "list-clients");
            assertEquals(ExitStatus.SUCCESS, listed.status(), listed.err());
            List<String> lines = listed.out().lines().toList();
            assertEquals(3, lines.size(), listed.out());
            assertTrue(lines.get(1).startsWith("billing\tconfidential\tthird\tclient_credentials\t"), lines.get(1));
            assertTrue(lines.get(2).startsWith("spa\tpublic\tfirst\tauthorization_code,password,refresh_token\t"
                    + "https://spa.example.com/callback http://127.0.0.1/callback\t"), lines.get(2));
            assertFalse(listed.out().contains(secret));

            Outcome rotated = run(settings, "", "rotate-client-secret", "billing");
            assertEquals(ExitStatus.SUCCESS, rotated.status(), rotated.err());
            String next = group(PRINTED_SECRET, rotated.out());
            assertEquals(401, clientCredentials(server.port(), "billing", secret).statusCode());
            assertEquals(200, clientCredentials(server.port(), "billing", next).statusCode());

            Outcome taken = run(settings, "", "register-client", "web-app", "--type", "public");
            assertEquals(ExitStatus.REFUSED, taken.status());
            assertEquals("gatehouse register-client: a client with the id 'web-app' is registered already\n", taken.err());
            Outcome badGrant = run(settings, "", "register-client", "x", "--type", "public", "--grant-types", "implicit");
            assertEquals(ExitStatus.USAGE, badGrant.status());
            assertTrue(badGrant.err().startsWith("gatehouse register-client: --grant-types: 'implicit' is not a grant type"),
                    badGrant.err());
            Outcome fragment = run(settings, "", "register-client", "x", "--type", "public", "--redirect-uris",
                    "https://x.example.com/cb#top");
            assertEquals(ExitStatus.USAGE, fragment.status());
            assertTrue(fragment.err().contains("--redirect-uris: a redirect URI has no fragment"), fragment.err());
            assertEquals(ExitStatus.REFUSED, run(settings, "", "rotate-client-secret", "spa").status());
            assertEquals(ExitStatus.REFUSED, run(settings, "", "remove-client", "web-app").status());

            Outcome removed = run(settings, "", "remove-client", "billing");
            assertEquals(ExitStatus.SUCCESS, removed.status(), removed.err());
            assertEquals("removed client billing; ended 0 session(s)\n", removed.out());
            assertEquals(401, clientCredentials(server.port(), "billing", next).statusCode());
            assertEquals(ExitStatus.REFUSED, run(settings, "", "remove-client", "billing").status());
        }
    }

    /** What one command printed, and how it ended. */
    private record Outcome(ExitStatus status, String out, String err) {
    }

    private static Outcome run(GatehouseSettings settings, String stdin, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());
        ExitStatus status = CommandLine.standard().run(List.of(arguments), terminal,
                new DatabaseConsole(CommandSettings.always(settings), Clock.systemUTC()));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }

    private static HttpResponse<String> clientCredentials(int port, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return form(port, "/token", Map.of("grant_type", "client_credentials"), Optional.of("Basic " + basic));
    }

    private static HttpResponse<String> form(int port, String path, Map<String, String> fields, Optional<String> authorization)
            throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> json(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
