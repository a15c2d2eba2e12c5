package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.junit.ArchTest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md and docs/extending.md true to the code: the module graph is the build's (drawn from
 * the POMs), every code block is either quoted verbatim from a file, generated, or a command whose modules and
 * tests exist, every name in backticks exists, and the counts they state are counted here. Run with
 * {@code -Dgatehouse.writeDocs=true} to redraw the module graph after changing a POM.
 */
class ArchitectureDocsTest {

    static final List<String> PAGES = List.of("docs/architecture.md", "docs/extending.md", "docs/resource-servers.md");
    private static final String GRAPH_MARKER = "<!-- generated: module-graph (ArchitectureDocsTest) -->";
    private static final Pattern BLOCK = Pattern.compile("(?m)^(<!-- [^\\n]* -->\\n)?```([a-z]*)\\n(.*?)\\n```$", Pattern.DOTALL);
    private static final Pattern EXCERPT = Pattern.compile("<!-- excerpt: (\\S+) -->\\n");
    private static final Pattern MODULE_OPTION = Pattern.compile("-pl ([a-z,-]+)");
    private static final Pattern TEST_OPTION = Pattern.compile("-D(?:it\\.)?test='?([A-Za-z0-9*,]+)'?");

    private final Path root = DocumentedNames.repositoryRoot();

    @Test
    void the_module_graph_in_the_architecture_page_is_the_one_the_poms_declare() throws IOException {
        Path page = root.resolve("docs/architecture.md");
        String text = Files.readString(page);
        int marker = text.indexOf(GRAPH_MARKER);
        assertTrue(marker >= 0, "docs/architecture.md has no " + GRAPH_MARKER);
        int start = marker + GRAPH_MARKER.length() + 1;
        int end = text.indexOf("\n```", text.indexOf("```mermaid", start) + 3) + 4;
        String drawn = text.substring(start, end);
        String expected = ModuleGraph.of(root).mermaid();
        if (!drawn.equals(expected) && Boolean.getBoolean("gatehouse.writeDocs")) {
            Files.writeString(page, text.substring(0, start) + expected + text.substring(end));
            return;
        }
        assertEquals(expected, drawn, "the module graph changed; run ArchitectureDocsTest with -Dgatehouse.writeDocs=true");
    }

    @Test
    void every_module_of_the_build_has_a_row_in_the_rings_table() throws IOException {
        String text = Files.readString(root.resolve("docs/architecture.md"));
        List<String> missing = ModuleGraph.of(root).dependencies().keySet().stream()
                .filter(module -> !text.contains("\n| `" + module + "` |")).toList();
        assertEquals(List.of(), missing, "modules without a row in docs/architecture.md's table of rings");
    }

    @Test
    void every_code_block_is_quoted_from_a_file_generated_or_a_command_that_names_real_modules_and_tests()
            throws IOException {
        List<String> problems = new ArrayList<>();
        int quoted = 0;
        for (String page : PAGES) {
            Matcher block = BLOCK.matcher(Files.readString(root.resolve(page)));
            while (block.find()) {
                String marker = block.group(1) == null ? "" : block.group(1);
                String language = block.group(2);
                String code = block.group(3);
                Matcher excerpt = EXCERPT.matcher(marker);
                if (excerpt.matches()) {
                    Path source = root.resolve(excerpt.group(1));
                    if (!Files.isRegularFile(source)) {
                        problems.add(page + " quotes a file that does not exist: " + excerpt.group(1));
                    } else if (!Files.readString(source).replace("\r\n", "\n").contains(code)) {
                        problems.add(page + " quotes " + excerpt.group(1) + ", which does not contain:\n" + code);
                    } else {
                        quoted++;
                    }
                } else if (marker.startsWith(GRAPH_MARKER)) {
                    continue; // the test above
                } else if (language.equals("sh")) {
                    problems.addAll(commandProblems(page, code));
                } else {
                    problems.add(page + ": a ```" + language + " block that is neither quoted (<!-- excerpt: path -->), "
                            + "generated, nor a command:\n" + code);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(quoted >= 25, "expected the pages to quote code at least 25 times, found " + quoted);
    }

    @Test
    void every_name_the_pages_quote_exists() throws IOException {
        DocumentedNames names = DocumentedNames.of(root);
        List<String> missing = new ArrayList<>();
        for (String page : PAGES) {
            DocumentedNames.Findings findings = names.check(page, Files.readString(root.resolve(page)));
            missing.addAll(findings.missing());
            assertTrue(findings.checked() > 40, page + " checked only " + findings.checked() + " names");
        }
        assertEquals(List.of(), missing, "the architecture pages name what does not exist");
    }

    @Test
    void the_number_of_architecture_rules_the_page_states_is_the_number_there_are() throws IOException {
        long rules = Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class)).count();
        String text = Files.readString(root.resolve("docs/architecture.md"));
        Matcher stated = Pattern.compile("Its (\\d+) rules").matcher(text);
        assertTrue(stated.find(), "docs/architecture.md says nowhere 'Its N rules'");
        assertEquals(rules, Long.parseLong(stated.group(1)), "ArchitectureTest has " + rules + " rules");
        List<String> unnamed = Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class)).map(Field::getName)
                .filter(rule -> !text.contains("`" + rule + "`")).toList();
        assertEquals(List.of(), unnamed, "rules docs/architecture.md does not name");
    }

    /** A command's {@code -pl} modules must exist, and each class its {@code -Dtest}/{@code -Dit.test} names. */
    private List<String> commandProblems(String page, String command) throws IOException {
        List<String> problems = new ArrayList<>();
        Matcher modules = MODULE_OPTION.matcher(command);
        while (modules.find()) {
            for (String module : modules.group(1).split(",")) {
                if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                    problems.add(page + ": the command names a module that does not exist: " + module);
                }
            }
        }
        Matcher tests = TEST_OPTION.matcher(command);
        while (tests.find()) {
            for (String test : tests.group(1).split(",")) {
                if (!test.equals("none") && !testClassExists(test)) {
                    problems.add(page + ": the command names a test that does not exist: " + test);
                }
            }
        }
        return problems;
    }

    private boolean testClassExists(String pattern) throws IOException {
        Pattern name = Pattern.compile(pattern.replace("*", "[A-Za-z0-9]*") + "\\.java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(file -> file.toString().contains("/src/test/")
                    && name.matcher(file.getFileName().toString()).matches());
        }
    }
}
