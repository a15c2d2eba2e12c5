package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Request-Id} on every answer, and one {@code gatehouse.access} line per request: method, route
 * template, status, duration, request id and client, and never a password, a token, a query or a header.
 */
class AccessLogIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PASSWORD = "Pa55word-that-must-never-be-logged";
    private static final String NEW_PASSWORD = "Renewed-pa55word-that-must-never-be-logged";
    private static final Pattern FRESH_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern LINE = Pattern.compile(
            "method=[A-Z]+ route=\\S+ status=[0-9]{3} duration_ms=([0-9]+\\.[0-9]|-) request_id=[A-Za-z0-9._-]{1,64} client=\\S+");
    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static RealServer server;

    @BeforeAll
    static void start() {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        server = new RealServer(GATEHOUSE.useCases, WebSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void echoes_a_request_id_the_client_sent_when_it_is_safe() {
        for (String id : List.of("a", "trace-42.A_b", "x".repeat(64))) {
            RawHttp.Answer answer = get("/users/me", List.of("X-Request-Id: " + id));

            assertEquals(List.of(id), answer.all("X-Request-Id"), answer::toString);
        }
    }

    @Test
    void replaces_a_request_id_that_is_not_safe_with_a_fresh_one() {
        for (List<String> headers : List.of(
                List.of("X-Request-Id: " + "x".repeat(65)),
                List.of("X-Request-Id: a b"),
                List.of("X-Request-Id: <script>"),
                List.of("X-Request-Id: id\u00e9"),
                List.of("X-Request-Id: one", "X-Request-Id: two"),
                List.of("X-Request-Id: one, two"))) {
            RawHttp.Answer answer = get("/users/me", headers);

            List<String> ids = answer.all("X-Request-Id");
            assertEquals(1, ids.size(), answer::toString);
            assertTrue(FRESH_ID.matcher(ids.getFirst()).matches(), () -> headers + ": " + answer);
        }
    }

    @Test
    void gives_each_request_its_own_fresh_id() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(get("/health/live", List.of()).header("X-Request-Id"));
        }

        assertEquals(20, ids.size());
    }

    @Test
    void marks_every_kind_of_answer_with_a_request_id() {
        List<RawHttp.Answer> answers = List.of(
                get("/health/live", List.of()),                                                // 200
                get("/users/me", List.of()),                                                   // 401 from a handler
                get("/nowhere", List.of()),                                                    // 404 from routing
                RawHttp.send(server.port(), RawHttp.post("/health/live", FORM, new byte[0])),  // 405
                RawHttp.send(server.port(), RawHttp.post("/token", FORM, new byte[70_000])),   // 413 before routing
                get("/users/" + "a".repeat(3000), List.of()),                                  // 414 before routing
                get("/users/me", List.of("Bad Header: x")),                                    // 400 before routing
                RawHttp.send(server.port(), RawHttp.request("POST /token HTTP/1.1",             // 413 while reading
                        List.of("Content-Type: " + FORM, "Transfer-Encoding: chunked"), chunked(70_000))));

        for (RawHttp.Answer answer : answers) {
            assertEquals(1, answer.all("X-Request-Id").size(), answer::toString);
            assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"), answer::toString);
        }
        assertEquals(List.of(200, 401, 404, 405, 413, 414, 400, 413), answers.stream().map(RawHttp.Answer::status).toList());
    }

    @Test
    void echoes_the_request_id_on_an_answer_refused_before_routing() {
        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request("POST /token HTTP/1.1",
                List.of("Content-Type: " + FORM, "Content-Length: 70000", "X-Request-Id: big-body-1"), new byte[70_000]));

        assertEquals(413, answer.status());
        assertEquals("big-body-1", answer.header("X-Request-Id"));
    }

    @Test
    void writes_one_line_per_request_with_the_route_template_status_duration_id_and_client() {
        try (LogCapture log = new LogCapture(AccessLog.LOGGER_NAME)) {
            get("/users/me?access_token=query-secret", List.of("X-Request-Id: line-1"));
            get("/users/4711/details", List.of("X-Request-Id: line-2"));
            get("/docs/swagger-initializer.js", List.of("X-Request-Id: line-3"));
            RawHttp.send(server.port(), RawHttp.post("/token", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));

            assertEquals(List.of("method=GET route=/users/me status=401"), prefixes(log, "request_id=line-1"));
            assertEquals(List.of("method=GET route=unmatched status=404"), prefixes(log, "request_id=line-2"));
            assertEquals(List.of("method=GET route=/docs/{file} status=200"), prefixes(log, "request_id=line-3"));
            assertEquals(1, log.awaitMessages(line -> line.contains("route=/token status=415")).size());
            for (LogRecord logRecord : log.records()) {
                assertEquals(Level.INFO, logRecord.getLevel());
                assertEquals(AccessLog.LOGGER_NAME, logRecord.getLoggerName());
                assertTrue(LINE.matcher(logRecord.getMessage()).matches(), logRecord.getMessage());
                assertTrue(logRecord.getMessage().endsWith(" client=127.0.0.1"), logRecord.getMessage());
                assertFalse(logRecord.getMessage().contains("?") || logRecord.getMessage().contains("4711"), logRecord.getMessage());
            }
        }
    }

    @Test
    void logs_a_request_refused_before_routing_too() {
        try (LogCapture log = new LogCapture(AccessLog.LOGGER_NAME)) {
            RawHttp.send(server.port(), RawHttp.request("GET /users/" + "a".repeat(3000) + " HTTP/1.1", List.of(), new byte[0]));

            // A request of an earlier test may still be finishing, so this looks at every 414 line, not just one.
            List<String> lines = log.awaitMessages(line -> line.contains("status=414"));
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                assertTrue(line.startsWith("method=OTHER route=unmatched status=414 duration_ms=- request_id="), line);
                assertTrue(LINE.matcher(line).matches(), line);
                assertFalse(line.contains("aaaa"), line);
            }
        }
    }

    @Test
    void never_logs_a_password_or_a_token() {
        List<LogRecord> everything = new ArrayList<>();
        Handler all = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                synchronized (everything) {
                    everything.add(logRecord);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(all);
        try (LogCapture access = new LogCapture(AccessLog.LOGGER_NAME)) {
            RawHttp.Answer login = post("/token", FORM, "username=johndoe&password=" + PASSWORD, "probe-1");
            assertEquals(200, login.status(), login::toString);
            String token = Json.createReader(new StringReader(login.body())).readObject().getString("access_token");
            String cookie = login.header("Set-Cookie").split(";")[0];

            assertEquals(200, get("/users/me", List.of("Authorization: Bearer " + token, "Cookie: " + cookie,
                    "X-Request-Id: probe-2")).status());
            get("/users/me?token=" + token, List.of("X-Request-Id: probe-3"));
            post("/token", FORM, "username=johndoe&password=" + PASSWORD + "-wrong", "probe-4");
            post("/users", "application/json", "{\"username\":\"jane\",\"password\":\"" + PASSWORD + "\"}", "probe-5");
            GATEHOUSE.forgetFailedLogins();
            String refreshToken = Json.createReader(new StringReader(login.body())).readObject().getString("refresh_token");
            RawHttp.Answer refreshed = post("/token", FORM, "grant_type=refresh_token&refresh_token=" + refreshToken, "probe-6");
            assertEquals(200, refreshed.status(), refreshed::toString);
            String nextRefreshToken = Json.createReader(new StringReader(refreshed.body())).readObject().getString("refresh_token");
            // The first access token expired while the failed login was forgotten; the refreshed one is fresh.
            String refreshedToken = Json.createReader(new StringReader(refreshed.body())).readObject().getString("access_token");
            RawHttp.Answer changed = post("/users/me/password", "application/json", "{\"current_password\":\"" + PASSWORD
                    + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}", "probe-7", "Authorization: Bearer " + refreshedToken);
            assertEquals(200, changed.status(), changed::toString);
            String newSession = Json.createReader(new StringReader(changed.body())).readObject().getString("access_token");
            String newRefreshToken = Json.createReader(new StringReader(changed.body())).readObject().getString("refresh_token");
            assertEquals(200, post("/revoke", FORM, "token=" + nextRefreshToken, "probe-8").status());
            assertEquals(204, post("/logout?everywhere=true", FORM, "", "probe-9", "Authorization: Bearer " + newSession).status());

            List<String> probes = access.awaitMessages(line -> line.contains(" request_id=probe-"), 9);
            assertEquals(List.of("method=POST route=/token status=200", "method=GET route=/users/me status=200",
                    "method=GET route=/users/me status=401", "method=POST route=/token status=401",
                    "method=POST route=/users status=201", "method=POST route=/token status=200",
                    "method=POST route=/users/me/password status=200", "method=POST route=/revoke status=200",
                    "method=POST route=/logout status=204"),
                    probes.stream().sorted(Comparator.comparing(line -> line.substring(line.indexOf("probe-"))))
                            .map(line -> line.substring(0, line.indexOf(" duration_ms="))).toList());
            List<String> written = new ArrayList<>(access.messages());
            synchronized (everything) {
                for (LogRecord logRecord : everything) {
                    written.add(String.valueOf(logRecord.getMessage()));
                    if (logRecord.getParameters() != null) {
                        for (Object parameter : logRecord.getParameters()) {
                            written.add(String.valueOf(parameter));
                        }
                    }
                    if (logRecord.getThrown() != null) {
                        written.add(String.valueOf(logRecord.getThrown()));
                    }
                }
            }
            String secretPart = token.substring(token.lastIndexOf('.') + 1);
            List<String> refreshTokens = List.of(refreshToken, nextRefreshToken, newRefreshToken);
            for (String line : written) {
                assertFalse(line.contains(PASSWORD), line);
                assertFalse(line.contains(NEW_PASSWORD), line);
                assertFalse(line.contains(newSession.substring(newSession.lastIndexOf('.') + 1)), line);
                assertFalse(line.contains(refreshedToken.substring(refreshedToken.lastIndexOf('.') + 1)), line);
                refreshTokens.forEach(secret -> assertFalse(line.contains(secret), line));
                assertFalse(line.contains(token) || line.contains(secretPart), line);
                assertFalse(line.contains(cookie.substring(cookie.indexOf('=') + 1)), line);
            }
        } finally {
            root.removeHandler(all);
        }
    }

    @Test
    void logs_the_request_id_it_sent_back() {
        try (LogCapture log = new LogCapture(AccessLog.LOGGER_NAME)) {
            RawHttp.Answer answer = get("/health/live", List.of());
            String id = answer.header("X-Request-Id");

            assertEquals(1, log.awaitMessages(line -> line.contains(" request_id=" + id + " ")).size());
        }
    }

    private static List<String> prefixes(LogCapture log, String requestId) {
        return log.awaitMessages(line -> line.contains(" " + requestId + " ")).stream()
                .map(line -> line.substring(0, line.indexOf(" duration_ms=")))
                .toList();
    }

    private static byte[] chunked(int size) {
        StringBuilder chunks = new StringBuilder();
        for (int sent = 0; sent < size; sent += 0x1000) {
            chunks.append("1000\r\n").append("a".repeat(0x1000)).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static RawHttp.Answer post(String path, String contentType, String body, String requestId, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("Content-Type: " + contentType, "Content-Length: " + bytes.length,
                "X-Request-Id: " + requestId));
        all.addAll(List.of(headers));
        return RawHttp.send(server.port(), RawHttp.request("POST " + path + " HTTP/1.1", all, bytes));
    }

    private static RawHttp.Answer get(String path, List<String> headers) {
        return RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", headers, new byte[0]));
    }
}
