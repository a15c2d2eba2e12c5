package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The executable jar run as users run it, for the tests that need a separate process (kill -9, RSS, fds). */
final class GatehouseProcess {

    private static final Path JAR = Path.of("target", "gatehouse.jar");

    private GatehouseProcess() {
    }

    /** Starts {@code java -jar target/gatehouse.jar} on the given database with only these GATEHOUSE_ settings. */
    static Process start(DatabaseSettings database, int port, Map<String, String> settings, Path log) throws IOException {
        assertTrue(Files.exists(JAR), "run the package phase first: " + JAR.toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("GATEHOUSE_PORT", String.valueOf(port));
        environment.put("GATEHOUSE_DB_URL", database.jdbcUrl());
        if (database.user() != null) {
            environment.put("GATEHOUSE_DB_USER", database.user());
        }
        if (database.password() != null) {
            environment.put("GATEHOUSE_DB_PASSWORD", database.password());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits (at most 60 s) until {@code /health/ready} answers 200; fails with the log if the process dies. */
    static void awaitReady(HttpClient http, int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Gatehouse exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        fail("Gatehouse did not become ready within 60 s:\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
