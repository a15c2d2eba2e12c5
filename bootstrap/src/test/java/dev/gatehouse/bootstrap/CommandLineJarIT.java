package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as an operator runs them: the packaged jar in its own process, the password on standard input,
 * and the launcher passing a command through (without recording the AOT cache for it).
 */
class CommandLineJarIT {

    private static final Path JAR = Path.of("target", "gatehouse.jar");
    private static final Path LAUNCHER = Path.of("src", "main", "launcher", "gatehouse.sh");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void creates_the_first_admin_from_a_password_on_stdin_then_shows_it_through_the_launcher(@TempDir Path directory) throws Exception {
        assertTrue(Files.exists(JAR), "run the package phase first: " + JAR.toAbsolutePath());
        Map<String, String> settings = Map.of(
                "GATEHOUSE_DATA_DIR", directory.resolve("data").toString(),
                "GATEHOUSE_JWT_SECRET", "a-jar-test-secret-of-at-least-32-bytes",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1");

        Process create = start(List.of(JAVA, "-jar", JAR.toString(), "create-user", "root", "--admin"), settings,
                directory.resolve("create.log"));
        try (OutputStream stdin = create.getOutputStream()) {
            stdin.write("correct horse battery staple\n".getBytes(StandardCharsets.UTF_8));
        }
        String created = finish(create, directory.resolve("create.log"));
        assertEquals(0, create.exitValue(), created);
        assertEquals("created user root with the admin role", created.strip(), "one line, no log noise");

        // A private copy of the jar, so that an AOT cache appearing beside it could only come from this run.
        Path copy = directory.resolve("app");
        Files.createDirectories(copy.resolve("libs"));
        Files.copy(JAR, copy.resolve("gatehouse.jar"));
        try (var libraries = Files.list(JAR.resolveSibling("libs"))) {
            for (Path library : libraries.toList()) {
                Files.copy(library, copy.resolve("libs").resolve(library.getFileName()));
            }
        }
        Map<String, String> launcher = new java.util.HashMap<>(settings);
        launcher.put("GATEHOUSE_JAR", copy.resolve("gatehouse.jar").toString());
        launcher.put("GATEHOUSE_JAVA", JAVA);
        Process show = start(List.of("bash", LAUNCHER.toString(), "show-user", "root"), launcher, directory.resolve("show.log"));
        show.getOutputStream().close();
        String shown = finish(show, directory.resolve("show.log"));

        assertEquals(0, show.exitValue(), shown);
        assertTrue(shown.startsWith("username:  root\n"), shown);
        assertTrue(shown.contains("roles:     admin\n"), shown);
        assertTrue(shown.contains("status:    active\n"), shown);
        assertFalse(shown.contains("recording the AOT cache"), shown);
        assertFalse(Files.exists(copy.resolve("gatehouse.aot")), "a command never records the AOT cache");

        Process unknown = start(List.of(JAVA, "-jar", JAR.toString(), "show-user", "nobody"), settings, directory.resolve("unknown.log"));
        unknown.getOutputStream().close();
        String refused = finish(unknown, directory.resolve("unknown.log"));
        assertEquals(1, unknown.exitValue(), refused);
        assertEquals("gatehouse show-user: no user named 'nobody'", refused.strip());
    }

    private static Process start(List<String> command, Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    private static String finish(Process process, Path log) throws Exception {
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the command did not end within 90 s:\n" + Files.readString(log));
        return Files.readString(log);
    }
}
