package dev.gatehouse.adapter.out.persistence.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/extending.md honest: every code block the guide marks with {@code <!-- excerpt: path -->} must
 * appear, character for character, in that file of this sample, so the guide cannot drift from code that
 * passes the contract.
 */
class ExtendingGuideTest {

    private static final Pattern EXCERPT = Pattern.compile(
            "<!-- excerpt: (\\S+) -->\\R```[a-z]*\\R(.*?)\\R```", Pattern.DOTALL);

    @Test
    void every_excerpt_in_the_guide_is_in_the_sample_verbatim() throws IOException {
        Path root = repositoryRoot();
        String guide = Files.readString(root.resolve("docs/extending.md"));
        Matcher excerpt = EXCERPT.matcher(guide);
        List<String> checked = new ArrayList<>();
        while (excerpt.find()) {
            Path source = root.resolve(excerpt.group(1));
            assertTrue(Files.isRegularFile(source), "the guide quotes a file that does not exist: " + source);
            String code = Files.readString(source).replace("\r\n", "\n");
            String quoted = excerpt.group(2).replace("\r\n", "\n");
            assertTrue(code.contains(quoted), "docs/extending.md quotes " + excerpt.group(1)
                    + ", but the file does not contain:\n" + quoted);
            checked.add(excerpt.group(1));
        }
        assertTrue(checked.size() >= 4, "expected the guide to quote the sample at least 4 times, found " + checked);
    }

    /** The directory holding docs/: the module's parent when Maven runs the tests, else the nearest ancestor. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/extending.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/extending.md not found above " + Path.of("").toAbsolutePath());
    }
}
