package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A short run for the JDK's ahead-of-time cache to record ({@code -XX:AOTCacheOutput}, used by
 * {@code gatehouse.sh}): starts Gatehouse on a throw-away embedded database, sends each kind of request a few
 * times, and stops. The classes it loads and links are then ready at the next start, which cuts the cold start
 * by more than half. It never touches a configured database.
 */
final class AotTraining {

    private static final int ROUNDS = 20;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";
    private static final String JSON = "Content-Type: application/json";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

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
                    SettingsCatalogue.LOGIN_CLIENT_MAX_FAILURES.name(), "1000000",
                    // Every round registers two users from one address: the default burst (20) refused most of them.
                    SettingsCatalogue.REGISTRATION_BURST.name(), "1000000",
                    SettingsCatalogue.REQUEST_BURST.name(), "1000000",
                    // The same Java code at a fraction of the native hashing cost: 80 hashes at production cost took
                    // the recording past two minutes on a busy machine.
                    SettingsCatalogue.ARGON2_MEMORY_KIB.name(), "1024",
                    SettingsCatalogue.ARGON2_ITERATIONS.name(), "1"))
                    // The packed defaults, read as every start reads application.yaml (so its classes are cached),
                    // never a working directory's file, which may name a real database.
                    .orElse(ConfigurationFiles.packedApplicationYaml()));
            try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
                exercise(gatehouse.port());
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

    private static void exercise(int port) throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            String username = "trainee" + round;
            String password = "training-password-" + round;
            send(port, "POST", "/users/", FORM, "username=" + username + "&password=" + password + "&email=" + username + "%40example.com");
            send(port, "POST", "/users/", JSON, "{\"username\":\"json" + round + "\",\"password\":\"" + password + "\"}");
            // The JSON registration is the one that succeeds (the form is refused with 415): log in as that user, so
            // that issuing and checking a real token is trained too (before, every /token here answered 401).
            String token = send(port, "POST", "/token", FORM, "grant_type=password&username=json" + round + "&password=" + password);
            Matcher issued = ACCESS_TOKEN.matcher(token);
            String accessToken = issued.find() ? issued.group(1) : "none";
            send(port, "GET", "/users/me", "Authorization: Bearer " + accessToken, null);
            send(port, "GET", "/users/me/", "Authorization: Bearer not.a.token", null);
            send(port, "GET", "/users/me", null, null);
            send(port, "POST", "/token", FORM, "username=" + username + "&password=wrong-password");
            send(port, "POST", "/token", FORM, "username=nobody" + round + "&password=wrong-password");
            send(port, "POST", "/users/", JSON, "{\"username\":");
            for (String path : new String[] {"/health/live", "/health/ready", "/metrics", "/openapi.json", "/docs", "/nowhere"}) {
                send(port, "GET", path, null, null);
            }
        }
    }

    /**
     * One HTTP/1.1 exchange over a plain socket; answers the whole response, head and body. Not the JDK's HttpClient:
     * what training loads, every start preloads from the cache, and Gatehouse itself needs no HTTP client (its ~500
     * classes and the TLS stack's were a tenth of what training added to a start).
     */
    private static String send(int port, String method, String path, String header, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        if (header != null) {
            request.append(header).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
