package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is generated from the {@link SettingsCatalogue}, so what operators read is what
 * the code parses. On a difference the failure shows the table to paste between the markers; or run the test with
 * {@code -Dgatehouse.writeReadme=true} and it rewrites the README itself.
 */
class ConfigurationTableTest {

    static final String START = "<!-- settings:start -->";
    static final String END = "<!-- settings:end -->";

    @Test
    void the_readme_shows_the_catalogue() throws IOException {
        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md needs the markers " + START + " and " + END);
        String shown = text.substring(start + START.length(), end);
        String expected = table();
        if (!shown.equals(expected) && Boolean.getBoolean("gatehouse.writeReadme")) {
            Files.writeString(readme, text.substring(0, start + START.length()) + expected + text.substring(end), StandardCharsets.UTF_8);
            System.out.println("ConfigurationTableTest: rewrote the configuration table of " + readme);
            return;
        }
        assertEquals(expected, shown, "README.md's configuration table differs from SettingsCatalogue: run this test with "
                + "-Dgatehouse.writeReadme=true to rewrite it, or paste this between " + START + " and " + END + ":\n" + expected);
    }

    /** One table per group, under its heading, blank lines around; one row per setting, in the catalogue's order. */
    static String table() {
        return "\n" + SettingsCatalogue.groups().stream()
                .map(group -> "\n### " + group.title() + "\n\n| variable | default | meaning |\n|---|---|---|\n"
                        + group.settings().stream().map(ConfigurationTableTest::row).collect(Collectors.joining()))
                .collect(Collectors.joining()) + "\n";
    }

    private static String row(Setting<?> setting) {
        return "| `" + setting.name() + "` | " + setting.shownDefault() + " | " + setting.description() + " |\n";
    }

    static Path readme() {
        return SettingsCatalogueTest.projectRoot().resolve("README.md");
    }
}
