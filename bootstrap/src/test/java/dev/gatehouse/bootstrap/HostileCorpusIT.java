package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of 1,200 malformed requests over raw sockets against the whole assembly: truncated and
 * oversized bodies, wrong content types, invalid UTF-8, deeply nested JSON, huge numbers, header floods and
 * path traversal. Never a 5xx, the process keeps serving, and memory stays bounded.
 */
class HostileCorpusIT {

    private static final int REQUESTS = 1_200;
    private static final long MAX_RSS_GROWTH_MIB = 300;

    @Test
    void no_malformed_request_gets_a_5xx_or_takes_the_service_down(@TempDir Path dataDir) throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_DEMO", "true",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES", "1000000")))).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            Random random = new Random(20261122);
            List<Supplier<byte[]>> generators = generators(random);
            long rssBefore = residentMib();
            Map<String, Integer> answers = new TreeMap<>();
            List<String> serverErrors = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                byte[] request = generators.get(i % generators.size()).get();
                String status = send(gatehouse.port(), request);
                answers.merge(status, 1, Integer::sum);
                if (status.startsWith("5")) {
                    serverErrors.add(status + " for " + new String(request, 0, Math.min(120, request.length), StandardCharsets.ISO_8859_1));
                }
            }
            long rssAfter = residentMib();
            System.out.printf("HostileCorpusIT: %d requests -> %s; RSS %d -> %d MiB%n", REQUESTS, answers, rssBefore, rssAfter);

            assertTrue(serverErrors.isEmpty(), serverErrors.size() + " server errors, e.g. " + serverErrors.subList(0, Math.min(5, serverErrors.size())));
            assertEquals(0, answers.getOrDefault("timeout", 0), "every malformed request is answered or closed at once: " + answers);
            assertTrue(rssAfter - rssBefore < MAX_RSS_GROWTH_MIB, "RSS grew " + (rssAfter - rssBefore) + " MiB");
            assertEquals(200, new TestHttp(gatehouse.port()).logIn("johndoe", "secret").statusCode(), "still serving");
        }
    }

    private static List<Supplier<byte[]>> generators(Random random) {
        List<Supplier<byte[]>> all = new ArrayList<>();
        // Truncated bodies: Content-Length promises more than is sent.
        all.add(() -> request("POST", "/token", "application/x-www-form-urlencoded",
                Map.of("Content-Length", String.valueOf(50 + random.nextInt(5000))), "username=johndoe&pass".getBytes(StandardCharsets.UTF_8), false));
        // Oversized bodies, declared and actually sent.
        all.add(() -> request("POST", "/users/", "application/json", Map.of(), ("{\"username\":\"" + "a".repeat(70_000 + random.nextInt(100_000)) + "\"}").getBytes(StandardCharsets.UTF_8), true));
        all.add(() -> request("POST", "/token", "application/x-www-form-urlencoded", Map.of(), ("password=" + "x".repeat(1_000 + random.nextInt(60_000)) + "&username=johndoe").getBytes(StandardCharsets.UTF_8), true));
        // Wrong or odd content types.
        String[] types = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "", "application/json; charset=ebcdic", "*/*", "application/x-www-form-urlencoded; charset=utf-16"};
        all.add(() -> request("POST", random.nextBoolean() ? "/token" : "/users/", types[random.nextInt(types.length)], Map.of(), "username=a&password=b".getBytes(StandardCharsets.UTF_8), true));
        // Invalid UTF-8 in forms and JSON.
        all.add(() -> request("POST", "/token", "application/x-www-form-urlencoded", Map.of(), randomBytes(random, "username=", "&password=x"), true));
        all.add(() -> request("POST", "/users/", "application/json", Map.of(), randomBytes(random, "{\"username\":\"", "\",\"password\":\"correct horse battery\"}"), true));
        // Deeply nested JSON and huge numbers.
        all.add(() -> request("POST", "/users/", "application/json", Map.of(), ("[".repeat(1_000 + random.nextInt(20_000))).getBytes(StandardCharsets.UTF_8), true));
        all.add(() -> request("POST", "/users/", "application/json", Map.of(), ("{\"username\":" + "9".repeat(1 + random.nextInt(20_000)) + ",\"password\":1e999999}").getBytes(StandardCharsets.UTF_8), true));
        // Malformed percent escapes and repeated fields.
        all.add(() -> request("POST", "/token", "application/x-www-form-urlencoded", Map.of(), ("username=%" + (char) ('G' + random.nextInt(10)) + "&password=%E2%82").getBytes(StandardCharsets.UTF_8), true));
        all.add(() -> request("POST", "/token", "application/x-www-form-urlencoded", Map.of(), "username=a&".repeat(1 + random.nextInt(3_000)).getBytes(StandardCharsets.UTF_8), true));
        // Header floods: many headers, one huge header, a garbage Authorization.
        all.add(() -> {
            StringBuilder headers = new StringBuilder();
            for (int h = 0; h < 200 + random.nextInt(2_000); h++) {
                headers.append("X-Flood-").append(h).append(": ").append("v".repeat(20)).append("\r\n");
            }
            return ("GET /users/me HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        });
        all.add(() -> ("GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "e".repeat(100 + random.nextInt(20_000)) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        all.add(() -> ("GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: " + new String(randomBytes(random, "Bearer ", ""), StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        // Path traversal and odd paths.
        String[] paths = {"/../../etc/passwd", "/docs/../../../etc/passwd", "/docs/%2e%2e/%2e%2e/etc/passwd", "/users/me/../../token", "//users//me", "/users/%00", "/docs/" + "a".repeat(3000), "/%ZZ", "/users/me?x=" + "%".repeat(50)};
        all.add(() -> ("GET " + paths[random.nextInt(paths.length)] + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        // Conflicting framing.
        all.add(() -> ("POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return all;
    }

    private static byte[] request(String method, String path, String contentType, Map<String, String> extraHeaders, byte[] body,
                                  boolean honestLength) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: x\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (honestLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static byte[] randomBytes(Random random, String prefix, String suffix) {
        byte[] middle = new byte[1 + random.nextInt(64)];
        random.nextBytes(middle);
        middle[0] = (byte) (0x80 | random.nextInt(0x40)); // a continuation byte first: never valid UTF-8
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(middle);
        bytes.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Sends the raw request, half-closes, and answers the status code, or what happened instead of one. */
    private static String send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedWhileWriting) {
                // The server may refuse and close before reading everything: read what it said, if anything.
            }
            InputStream in = socket.getInputStream();
            byte[] statusLine = in.readNBytes(12);
            String line = new String(statusLine, StandardCharsets.ISO_8859_1);
            return line.startsWith("HTTP/1.1 ") ? line.substring(9, 12) : "closed";
        } catch (SocketTimeoutException timeout) {
            return "timeout";
        } catch (IOException reset) {
            return "reset";
        }
    }

    private static long residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
