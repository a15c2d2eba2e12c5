package dev.gatehouse.examples.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Gatehouse for a recipe's test: {@code java -jar bootstrap/target/gatehouse.jar} on a free port, RS256 keys,
 * on a fresh PostgreSQL database ({@link RecipePostgres}), as deployments run it. The command line ({@link #cli})
 * runs beside it on the same database, as an operator's would. Two registered clients: {@value #WEB_APP}
 * (public, first-party: users log in with it; its tokens carry {@value #AUDIENCE}) and {@value #OTHER_APP} (its tokens
 * are for {@value #OTHER_AUDIENCE}, the wrong audience for the recipes), and one resource server allowed to
 * introspect, {@value #INTROSPECTION_CLIENT}.
 */
public final class RunningGatehouse implements AutoCloseable {

    /** The audience the recipes expect: tokens issued to {@value #WEB_APP} carry it. */
    public static final String AUDIENCE = "items-api";
    /** An audience of another API: tokens issued to {@value #OTHER_APP} carry it and not {@value #AUDIENCE}. */
    public static final String OTHER_AUDIENCE = "orders-api";
    public static final String WEB_APP = "items-web";
    public static final String OTHER_APP = "orders-web";
    /** The confidential client a recipe introspects as (listed in GATEHOUSE_INTROSPECTION_CLIENTS). */
    public static final String INTROSPECTION_CLIENT = "items-api";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path directory;
    private final int port;
    private final Map<String, String> environment;
    private final String introspectionSecret;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningGatehouse(Path directory, int port, Map<String, String> environment, String introspectionSecret) {
        this.directory = directory;
        this.port = port;
        this.environment = environment;
        this.introspectionSecret = introspectionSecret;
    }

    /** Starts Gatehouse in a new temporary directory and waits until it is ready (at most 60 s). */
    public static RunningGatehouse start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("gatehouse-recipe-");
        int port = freePort();
        String introspectionSecret = randomHex();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GATEHOUSE_PORT", String.valueOf(port));
        RecipePostgres.Database database = RecipePostgres.freshDatabase();
        environment.put("GATEHOUSE_DB_URL", database.url());
        environment.put("GATEHOUSE_DB_USER", database.user());
        if (database.password() != null) {
            environment.put("GATEHOUSE_DB_PASSWORD", database.password());
        }
        environment.put("GATEHOUSE_JWT_SECRET", randomHex());
        environment.put("GATEHOUSE_JWT_ALGORITHM", "RS256");
        environment.put("GATEHOUSE_ISSUER", "http://127.0.0.1:" + port);
        environment.put("GATEHOUSE_CLIENTS", WEB_APP + ":public:first-party," + OTHER_APP + ":public:first-party,"
                + INTROSPECTION_CLIENT + ":confidential");
        environment.put("GATEHOUSE_CLIENT_SECRET_" + INTROSPECTION_CLIENT.toUpperCase().replace('-', '_'), introspectionSecret);
        environment.put("GATEHOUSE_INTROSPECTION_CLIENTS", INTROSPECTION_CLIENT);
        environment.put("GATEHOUSE_CLIENT_AUDIENCES", WEB_APP + "=" + AUDIENCE + ";" + OTHER_APP + "=" + OTHER_AUDIENCE);
        // Cheap hashes: the recipes test tokens, not password hashing.
        environment.put("GATEHOUSE_ARGON2_MEMORY_KIB", "1024");
        environment.put("GATEHOUSE_ARGON2_ITERATIONS", "1");
        RunningGatehouse gatehouse = new RunningGatehouse(directory, port, environment, introspectionSecret);
        gatehouse.serve();
        return gatehouse;
    }

    private void serve() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("gatehouse.log").toFile()))
                .directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitReady();
    }

    /** Where clients reach it, also its issuer ({@code iss}), e.g. {@code http://127.0.0.1:41234}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return baseUrl();
    }

    public String jwksUrl() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    public String introspectionSecret() {
        return introspectionSecret;
    }

    /** Registers a user at {@code POST /users/} (registration is open by default). */
    public void register(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/users/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Logs in through {@value #WEB_APP} and returns the whole JSON answer (access and refresh token). */
    public String logIn(String client, String username, String password, String scope) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("grant_type=password&client_id=").append(encode(client))
                .append("&username=").append(encode(username)).append("&password=").append(encode(password));
        if (scope != null) {
            form.append("&scope=").append(encode(scope));
        }
        HttpResponse<String> answer = postForm("/token", form.toString(), null);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/token answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /** An access token of {@value #WEB_APP} (audience {@value #AUDIENCE}) with the given scope, or none when null. */
    public String accessToken(String username, String password, String scope) throws IOException, InterruptedException {
        return accessTokenOf(logIn(WEB_APP, username, password, scope));
    }

    public static String accessTokenOf(String tokenAnswer) {
        return group(ACCESS_TOKEN, tokenAnswer);
    }

    public static String refreshTokenOf(String tokenAnswer) {
        return group(REFRESH_TOKEN, tokenAnswer);
    }

    /** Revokes a token at {@code POST /revoke} (RFC 7009) as {@value #WEB_APP}; a refresh token ends its session. */
    public void revoke(String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = postForm("/revoke", "client_id=" + WEB_APP + "&token=" + encode(token), null);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/revoke answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Asks {@code POST /introspect} as {@value #INTROSPECTION_CLIENT}; the JSON answer. */
    public String introspect(String token) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((INTROSPECTION_CLIENT + ":" + introspectionSecret)
                .getBytes(StandardCharsets.UTF_8));
        return postForm("/introspect", "token=" + encode(token), "Basic " + basic).body();
    }

    /** The key ids published now at {@code /.well-known/jwks.json}. */
    public List<String> publishedKeyIds() throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(jwksUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher kid = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        while (kid.find()) {
            ids.add(kid.group(1));
        }
        return ids;
    }

    /** The {@code kid} in a JWT's header. */
    public static String keyIdOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return group(Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\""), header);
    }

    /**
     * Runs {@code java -jar gatehouse.jar <arguments>} with the server's settings, so on the same database, beside the
     * running server, and returns its output; fails unless it exits with 0. The server learns of what the command
     * stored within seconds (a revoked key, for one, is polled every 2 s).
     */
    public String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(directory, "cli-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        Process cli = builder.start();
        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException("gatehouse " + String.join(" ", arguments) + " took over 60 s");
        }
        String printed = Files.readString(output);
        if (cli.exitValue() != 0) {
            throw new IllegalStateException("gatehouse " + String.join(" ", arguments) + " exited with " + cli.exitValue()
                    + ":\n" + printed);
        }
        return printed;
    }

    /** Gatehouse's log so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("gatehouse.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Gatehouse and deletes its directory (database, logs). */
    @Override
    public void close() throws InterruptedException {
        stop();
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException leftBehind) {
            // a temporary directory; nothing depends on its removal
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private HttpResponse<String> postForm(String path, String form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Gatehouse exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        String log = log();
        stop();
        throw new IllegalStateException("Gatehouse was not ready within 60 s:\n" + log);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code -Dgatehouse.jar=…}, else {@code bootstrap/target/gatehouse.jar} found upwards from the working directory. */
    public static Path jar() {
        String configured = System.getProperty("gatehouse.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("bootstrap/target/gatehouse.jar");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bootstrap/target/gatehouse.jar not found: build bootstrap's package phase first");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
