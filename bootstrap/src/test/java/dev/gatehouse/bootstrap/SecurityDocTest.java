package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/security.md honest: every test it cites as proof of a property ({@code `Class.method`} or
 * {@code `name.feature: "Scenario"`}) exists under that name, so a renamed or deleted test cannot leave the
 * threat model pointing at nothing.
 */
class SecurityDocTest {

    private static final Pattern METHOD = Pattern.compile("`([A-Z][A-Za-z0-9]+)\\.([a-z][A-Za-z0-9_]*)`");
    private static final Pattern SCENARIO = Pattern.compile("`([a-z_]+\\.feature): \"([^\"]+)\"`");

    @Test
    void every_test_the_threat_model_cites_exists() throws IOException {
        Path root = repositoryRoot();
        String doc = Files.readString(root.resolve("docs/security.md"));
        Map<String, List<Path>> sources = filesUnder(root, ".java", ".feature");
        List<String> missing = new ArrayList<>();
        int cited = 0;
        Matcher method = METHOD.matcher(doc);
        while (method.find()) {
            cited++;
            String name = method.group(2);
            if (!anyContains(sources.get(method.group(1) + ".java"), name + "(")) {
                missing.add(method.group(1) + "." + name);
            }
        }
        Matcher scenario = SCENARIO.matcher(doc);
        while (scenario.find()) {
            cited++;
            if (!anyContains(sources.get(scenario.group(1)), "Scenario: " + scenario.group(2))) {
                missing.add(scenario.group(1) + ": " + scenario.group(2));
            }
        }
        assertTrue(cited >= 100, "expected the threat model to cite at least 100 tests, found " + cited);
        assertEquals(List.of(), missing, "docs/security.md cites tests that do not exist");
    }

    private static boolean anyContains(List<Path> files, String text) {
        return files != null && files.stream().anyMatch(file -> read(file).contains(text));
    }

    private static Map<String, List<Path>> filesUnder(Path root, String... endings) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/.git/"))
                    .filter(file -> Stream.of(endings).anyMatch(file.toString()::endsWith))
                    .collect(Collectors.groupingBy(file -> file.getFileName().toString()));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The directory holding docs/: the module's parent when Maven runs the tests, else the nearest ancestor. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/security.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/security.md not found above " + Path.of("").toAbsolutePath());
    }
}
