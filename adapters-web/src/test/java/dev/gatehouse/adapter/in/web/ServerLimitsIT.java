package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerLimits} on a real server built as bootstrap builds it. Helidon refuses these requests itself,
 * before routing; the answers are recorded here: 400 for an oversized header block, 414 for an oversized request
 * line, 413 for a body over the limit, all in our JSON shape, and the server carries on.
 */
class ServerLimitsIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PASSWORD = "correct horse battery staple";
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

    /** Whatever a test threw at the server, it is still up and serves a well-formed login. */
    @AfterEach
    void still_serves_a_normal_request() {
        GATEHOUSE.forgetFailedLogins();
        RawHttp.Answer answer = send(RawHttp.post("/token", FORM,
                ("username=johndoe&password=" + PASSWORD.replace(' ', '+')).getBytes(StandardCharsets.UTF_8)));

        assertTrue(server.isRunning());
        assertEquals(200, answer.status(), answer::toString);
    }

    @Test
    void refuses_an_oversized_header_block_with_400() {
        List<String> manyHeaders = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            manyHeaders.add("X-Padding-" + i + ": " + "a".repeat(90));
        }

        expectRefused(400, "Bad Request", send(RawHttp.request("GET /users/me HTTP/1.1", manyHeaders, new byte[0])));
        expectRefused(400, "Bad Request", send(RawHttp.request("GET /users/me HTTP/1.1",
                List.of("X-Big: " + "a".repeat(ServerLimits.MAX_HEADER_BYTES)), new byte[0])));
    }

    @Test
    void accepts_a_header_block_just_under_the_limit() {
        RawHttp.Answer answer = send(RawHttp.request("GET /users/me HTTP/1.1",
                List.of("X-Big: " + "a".repeat(ServerLimits.MAX_HEADER_BYTES - 200)), new byte[0]));

        assertEquals(401, answer.status(), answer::toString);
    }

    @Test
    void refuses_an_oversized_request_line_with_414() {
        // Longer than our limit yet within Helidon's default of 4 KiB: proves our setting is in force.
        expectRefused(414, "Request-URI Too Long",
                send(RawHttp.request("GET /users/" + "a".repeat(3000) + " HTTP/1.1", List.of(), new byte[0])));
        expectRefused(414, "Request-URI Too Long",
                send(RawHttp.request("GET /users/" + "a".repeat(100_000) + " HTTP/1.1", List.of(), new byte[0])));
    }

    @Test
    void refuses_a_megabyte_body_with_413_at_once() {
        byte[] megabyte = new byte[1024 * 1024];
        for (String path : List.of("/token", "/users")) {
            long started = System.nanoTime();

            RawHttp.Answer declared = send(RawHttp.post(path, path.equals("/token") ? FORM : "application/json", megabyte));

            expectRefused(413, "Request body too large", declared);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0, path);
        }
    }

    @Test
    void refuses_a_chunked_body_over_the_limit_with_413() {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            chunks.append("4000\r\n").append("a".repeat(0x4000)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");

        for (String path : List.of("/token", "/users")) {
            expectRefused(413, "Request body too large", send(RawHttp.request("POST " + path + " HTTP/1.1",
                    List.of("Content-Type: " + (path.equals("/token") ? FORM : "application/json"),
                            "Transfer-Encoding: chunked"),
                    chunks.toString().getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void accepts_a_body_of_exactly_the_limit() {
        byte[] body = ("username=johndoe&password=x&pad=").getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[ServerLimits.MAX_PAYLOAD_BYTES];
        System.arraycopy(body, 0, padded, 0, body.length);
        java.util.Arrays.fill(padded, body.length, padded.length, (byte) 'a');

        RawHttp.Answer answer = send(RawHttp.post("/token", FORM, padded));

        assertEquals(401, answer.status(), answer::toString);
    }

    @Test
    void sends_no_server_header() {
        RawHttp.Answer answer = send(RawHttp.request("GET /users/me HTTP/1.1", List.of(), new byte[0]));

        assertEquals(401, answer.status(), answer::toString);
        assertNull(answer.header("Server"), answer::toString);
    }

    private static RawHttp.Answer send(byte[] request) {
        return RawHttp.send(server.port(), request);
    }

    static void expectRefused(int status, String detail, RawHttp.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals(List.of("application/json"), answer.all("Content-Type"), answer::toString);
        assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"), answer::toString);
        assertEquals("close", answer.header("Connection"), answer::toString);
        assertNull(answer.header("Server"), answer::toString);
        assertEquals("{\"detail\":\"" + detail + "\"}", answer.body(), answer::toString);
    }
}
