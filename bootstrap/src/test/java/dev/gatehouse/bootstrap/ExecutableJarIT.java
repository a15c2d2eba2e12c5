package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact users run: {@code java -jar bootstrap/target/gatehouse.jar} on a bare machine (embedded
 * database, demo users) answers the tutorial's client, refuses to start without a secret outside the
 * demo, and stops cleanly on SIGTERM.
 */
class ExecutableJarIT {

    private static final Path JAR = Path.of("target", "gatehouse.jar");
    private static final Path LAUNCHER = Path.of("src", "main", "launcher", "gatehouse.sh");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new java.util.ArrayList<>();

    /** A test that fails before its server stops must not leave that server running for the rest of the build. */
    @AfterEach
    void stopWhatTheTestStarted() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void starts_on_the_embedded_database_serves_the_demo_users_and_stops_on_sigterm(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("gatehouse.log");
        long started = System.nanoTime();
        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + port, "GATEHOUSE_DATA_DIR=" + dataDir, "GATEHOUSE_DEMO=true"));
        try {
            HttpResponse<String> token = awaitFirstLogin(port, gatehouse, log);
            System.out.printf("ExecutableJarIT: first successful login %d ms after process start%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertEquals(200, token.statusCode(), token.body());
            assertTrue(token.body().contains("\"token_type\":\"bearer\""), token.body());
            assertTrue(Files.exists(dataDir.resolve("gatehouse.mv.db")), "the embedded database lives in GATEHOUSE_DATA_DIR");
        } finally {
            gatehouse.destroy();
        }
        assertTrue(gatehouse.waitFor(20, TimeUnit.SECONDS), "Gatehouse did not stop within 20 s of SIGTERM");
        assertEquals(143, gatehouse.exitValue(), "exit status after SIGTERM (128 + 15)");
        assertTrue(Files.readString(log).contains("gatehouse: stopped cleanly"), Files.readString(log));
    }

    @Test
    void stops_cleanly_on_ctrl_c(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("gatehouse.log");
        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + port, "GATEHOUSE_DATA_DIR=" + dataDir, "GATEHOUSE_DEMO=true"));
        awaitFirstLogin(port, gatehouse, log);
        assertFalse(ignoresSigint(gatehouse.pid()), "SIGINT reaches Gatehouse ignored, so no Ctrl-C could stop it: this"
                + " build was started in the background of a script (`cmd &`), which passes SIGINT on ignored; run it"
                + " in the foreground");

        new ProcessBuilder("kill", "-INT", String.valueOf(gatehouse.pid())).start().waitFor();

        assertTrue(gatehouse.waitFor(20, TimeUnit.SECONDS), "Gatehouse did not stop within 20 s of Ctrl-C");
        assertEquals(130, gatehouse.exitValue(), "exit status after SIGINT (128 + 2)");
        String output = Files.readString(log);
        assertTrue(output.contains("gatehouse: stopped cleanly"), output);
        assertTrue(output.lines().noneMatch(line -> line.contains("\tat ")), "no stack trace: " + output);
    }

    @Test
    void lets_a_request_in_flight_finish_when_told_to_stop(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("gatehouse.log");
        // An expensive hash (256 MiB, 6 passes) keeps a login in flight long enough to stop the process under it.
        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + port, "GATEHOUSE_DATA_DIR=" + dataDir, "GATEHOUSE_DEMO=true",
                "GATEHOUSE_ARGON2_MEMORY_KIB=262144", "GATEHOUSE_ARGON2_ITERATIONS=6", "GATEHOUSE_HASH_MEMORY_BUDGET_MIB=1024"));
        try {
            awaitFirstLogin(port, gatehouse, log);
            HttpRequest login = loginRequest(port);
            long started = System.nanoTime();
            var inFlight = http.sendAsync(login, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(150);

            gatehouse.destroy();

            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            System.out.printf("ExecutableJarIT: login in flight during SIGTERM answered %d after %d ms%n",
                    answer.statusCode(), (System.nanoTime() - started) / 1_000_000);
            assertEquals(200, answer.statusCode(), answer.body());
        } finally {
            gatehouse.destroy();
        }
        assertTrue(gatehouse.waitFor(20, TimeUnit.SECONDS));
        assertTrue(Files.readString(log).contains("gatehouse: stopped cleanly"), Files.readString(log));
    }

    @Test
    void refuses_to_start_without_a_secret_outside_the_demo(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("gatehouse.log");
        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + freePort(), "GATEHOUSE_DATA_DIR=" + dataDir));

        assertTrue(gatehouse.waitFor(30, TimeUnit.SECONDS), "Gatehouse should have refused to start");
        assertEquals(2, gatehouse.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("gatehouse: GATEHOUSE_JWT_SECRET is not set"), output);
        assertTrue(output.lines().noneMatch(line -> line.contains("\tat ")), "no stack trace: " + output);
    }

    @Test
    void refuses_a_malformed_application_yaml_in_one_line_when_serving_and_in_a_command(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("application.yaml"), "gatehouse:\n  port: 8080\n   host: [unclosed\n");
        for (List<String> arguments : List.of(List.<String>of(), List.of("list-users"))) {
            Path log = directory.resolve("gatehouse-" + arguments.size() + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toAbsolutePath().toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
            Process gatehouse = track(builder.start());

            assertTrue(gatehouse.waitFor(30, TimeUnit.SECONDS), "Gatehouse should have refused the file");
            assertEquals(2, gatehouse.exitValue());
            String output = Files.readString(log);
            assertTrue(output.lines().anyMatch(line -> line.startsWith("gatehouse: /") && line.contains("/application.yaml is not valid YAML")
                    && line.contains("line 3")), output);
            assertTrue(output.lines().noneMatch(line -> line.contains("\tat ")), "no stack trace: " + output);
        }
    }

    @Test
    void refuses_the_demo_on_an_external_database(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("gatehouse.log");
        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + freePort(), "GATEHOUSE_DEMO=true",
                "GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:1/production"));

        assertTrue(gatehouse.waitFor(30, TimeUnit.SECONDS), "Gatehouse should have refused to start");
        assertEquals(2, gatehouse.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("gatehouse: GATEHOUSE_DEMO=true runs only on the embedded database"), output);
    }

    @Test
    void a_real_run_refuses_a_database_the_demo_seeded(@TempDir Path dataDir) throws Exception {
        GatehouseSettings demo = GatehouseSettings.from(SettingSource.of(java.util.Map.of("GATEHOUSE_DEMO", "true",
                "GATEHOUSE_PORT", "0", "GATEHOUSE_ARGON2_MEMORY_KIB", "1024", "GATEHOUSE_ARGON2_ITERATIONS", "1")))
                .withDatabase(dev.gatehouse.adapter.out.persistence.DatabaseSettings.embedded(dataDir));
        Gatehouse.start(demo, java.time.Clock.systemUTC()).close();
        Path log = dataDir.resolve("gatehouse.log");

        Process gatehouse = start(log, List.of("GATEHOUSE_PORT=" + freePort(), "GATEHOUSE_DATA_DIR=" + dataDir,
                "GATEHOUSE_JWT_SECRET=an-integration-test-secret-of-32-bytes-or-more"));

        assertTrue(gatehouse.waitFor(60, TimeUnit.SECONDS), "Gatehouse should have refused to start");
        assertEquals(1, gatehouse.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("gatehouse: cannot start: this database holds the demo account(s) johndoe"), output);
        assertTrue(output.lines().noneMatch(line -> line.contains("\tat ")), "no stack trace: " + output);
    }

    @Test
    void the_launcher_records_an_aot_cache_once_and_starts_from_it(@TempDir Path copy) throws Exception {
        // A private copy of the jar, so that the cache recorded here belongs to this test alone.
        Files.copy(JAR, copy.resolve("gatehouse.jar"));
        try (var libraries = Files.list(JAR.resolveSibling("libs"))) {
            Files.createDirectories(copy.resolve("libs"));
            for (Path library : libraries.toList()) {
                Files.copy(library, copy.resolve("libs").resolve(library.getFileName()));
            }
        }
        List<String> environment = List.of("GATEHOUSE_JAR=" + copy.resolve("gatehouse.jar"),
                "GATEHOUSE_JAVA=" + Path.of(System.getProperty("java.home"), "bin", "java"));
        Path prepareLog = copy.resolve("prepare.log");
        Process prepare = launch(prepareLog, environment, "--prepare");
        assertTrue(prepare.waitFor(120, TimeUnit.SECONDS), "recording the AOT cache took over 2 minutes");
        assertEquals(0, prepare.exitValue(), Files.readString(prepareLog));
        boolean aotCapable = Runtime.version().feature() >= 25;
        assertEquals(aotCapable, Files.exists(copy.resolve("gatehouse.aot")), "an AOT cache exactly when the JDK is 25+");

        int port = freePort();
        Path log = copy.resolve("gatehouse.log");
        List<String> serving = new java.util.ArrayList<>(environment);
        serving.addAll(List.of("GATEHOUSE_PORT=" + port, "GATEHOUSE_DATA_DIR=" + copy.resolve("data"), "GATEHOUSE_DEMO=true",
                // AOTMode=on makes the JVM refuse to start when it cannot use the cache, instead of quietly going without.
                "GATEHOUSE_JAVA_OPTS=" + (aotCapable ? "-XX:AOTMode=on " : "") + "-Xlog:class+load:file=" + copy.resolve("classes.log")));
        long started = System.nanoTime();
        Process gatehouse = launch(log, serving);
        try {
            assertEquals(200, awaitFirstLogin(port, gatehouse, log).statusCode());
            System.out.printf("ExecutableJarIT: through the launcher%s, first login %d ms after process start%n",
                    aotCapable ? " with the AOT cache" : "", (System.nanoTime() - started) / 1_000_000);
            assertFalse(Files.readString(log).contains("recording the AOT cache"), "the cache was recorded once, not again");
            // The launcher execs java, so this process is the JVM: what memory it hands back is in its command line.
            Path process = Path.of("/proc", String.valueOf(gatehouse.pid()));
            List<String> arguments = List.of(Files.readString(process.resolve("cmdline")).split("\0"));
            assertEquals(Runtime.version().feature() >= 23, arguments.contains("-XX:TrimNativeHeapInterval=1000"), arguments.toString());
            if (System.getenv("MALLOC_ARENA_MAX") == null) {
                assertTrue(Files.readString(process.resolve("environ")).contains("MALLOC_ARENA_MAX=2\0"),
                        "two malloc arenas, as the launcher sets");
            }
            // What a start loads it pays for in time and memory (and the cache preloads whatever training loaded).
            List<String> classes = Files.readAllLines(copy.resolve("classes.log"));
            assertTrue(classes.stream().noneMatch(line -> line.contains(" redis.clients.")),
                    "Redis is not configured, so none of its client's classes is loaded");
            if (aotCapable) {
                assertTrue(classes.stream().anyMatch(line -> line.contains(" org.yaml.snakeyaml.composer.Composer source: shared objects file")),
                        "application.yaml is read by classes the training put in the cache");
            }
        } finally {
            gatehouse.destroy();
        }
        assertTrue(gatehouse.waitFor(20, TimeUnit.SECONDS));
        assertEquals(143, gatehouse.exitValue(), "the launcher execs java, so SIGTERM reaches Gatehouse itself");
    }

    /**
     * A cache the launcher cannot write (a read-only install; here a folder that is a file, which stops root too) or
     * the JVM cannot use (damaged) never stops the service from starting, and costs no recording on every start.
     */
    @Test
    void the_launcher_starts_without_an_aot_cache_it_cannot_write_or_use(@TempDir Path directory) throws Exception {
        Path notAFolder = Files.writeString(directory.resolve("not-a-folder"), "a file");
        Path damaged = Files.write(directory.resolve("damaged.aot"), new byte[64 * 1024]);
        // Newer than the jar, libraries and JDK, so that the launcher takes it for up to date and hands it to the JVM.
        Files.setLastModifiedTime(damaged, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        for (Path cache : List.of(notAFolder.resolve("gatehouse.aot"), damaged)) {
            int port = freePort();
            Path log = directory.resolve("gatehouse-" + cache.getFileName() + ".log");
            Process gatehouse = launch(log, List.of("GATEHOUSE_JAVA=" + Path.of(System.getProperty("java.home"), "bin", "java"),
                    "GATEHOUSE_AOT_CACHE=" + cache, "GATEHOUSE_PORT=" + port, "GATEHOUSE_DATA_DIR=" + directory.resolve("data-" + port),
                    "GATEHOUSE_DEMO=true"));
            try {
                assertEquals(200, awaitFirstLogin(port, gatehouse, log).statusCode(), Files.readString(log));
                String output = Files.readString(log);
                assertFalse(output.contains("recording the AOT cache"), output);
                if (Runtime.version().feature() >= 25 && cache.startsWith(notAFolder)) {
                    assertTrue(output.contains("gatehouse.sh: cannot write the AOT cache " + cache + "; starting without it"), output);
                }
            } finally {
                gatehouse.destroy();
            }
            assertTrue(gatehouse.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void refuses_arguments_it_does_not_know(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("gatehouse.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--bogus").redirectErrorStream(true).redirectOutput(log.toFile());
        Process gatehouse = track(builder.start());

        assertTrue(gatehouse.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, gatehouse.exitValue());
        assertTrue(Files.readString(log).contains("gatehouse: unknown command '--bogus'"), Files.readString(log));
    }

    private Process launch(Path log, List<String> environment, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        for (String assignment : environment) {
            String[] pair = assignment.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        return track(builder.start());
    }

    private Process start(Path log, List<String> environment) throws IOException {
        assertTrue(Files.exists(JAR), "run the package phase first: " + JAR.toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        for (String assignment : environment) {
            String[] pair = assignment.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        return track(builder.start());
    }

    private Process track(Process process) {
        started.add(process);
        return process;
    }

    /** Whether the process ignores SIGINT (bit 2 of its ignored-signal mask in /proc); false where there is no /proc. */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0);
    }

    private static HttpRequest loginRequest(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password=secret"))
                .build();
    }

    private HttpResponse<String> awaitFirstLogin(int port, Process gatehouse, Path log) throws Exception {
        HttpRequest login = loginRequest(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!gatehouse.isAlive()) {
                fail("Gatehouse exited with " + gatehouse.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return http.send(login, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notListeningYet) {
                Thread.sleep(100);
            }
        }
        fail("Gatehouse did not answer within 60 s:\n" + Files.readString(log));
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
