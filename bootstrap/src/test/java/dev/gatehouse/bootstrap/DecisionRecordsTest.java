package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/decisions honest: every record has the five sections in order and a place in the index, and every
 * class, member or file it names in backticks exists, so a rename or a deletion cannot leave a record citing
 * nothing. A {@code GATEHOUSE_…} setting must be read by name somewhere in the code. A third-party type is
 * written with its package ({@code `java.util.ServiceLoader`}) and not checked.
 */
class DecisionRecordsTest {

    private static final List<String> SECTIONS =
            List.of("Status", "Context", "Decision", "Consequences", "What would change our mind");
    private static final Pattern RECORD_NAME = Pattern.compile("(\\d{4})-[a-z0-9-]+\\.md");
    private static final int MAX_LINES = 70;

    @Test
    void every_record_has_the_five_sections_in_order_and_stays_short() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path record : records()) {
            List<String> lines = Files.readAllLines(record);
            String name = record.getFileName().toString();
            if (!lines.getFirst().startsWith("# " + name.substring(0, 4) + ". ")) {
                problems.add(name + ": the first line is not '# " + name.substring(0, 4) + ". Title'");
            }
            List<String> headings = lines.stream().filter(line -> line.startsWith("## ")).map(line -> line.substring(3)).toList();
            if (!headings.equals(SECTIONS)) {
                problems.add(name + ": sections " + headings + ", expected " + SECTIONS);
            }
            for (String section : SECTIONS) {
                if (sectionBody(lines, section).isBlank()) {
                    problems.add(name + ": section '" + section + "' is empty");
                }
            }
            if (lines.size() > MAX_LINES) {
                problems.add(name + ": " + lines.size() + " lines, more than " + MAX_LINES);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_index_lists_every_record_numbered_without_gaps_and_the_architecture_page_links_it() throws IOException {
        Path root = repositoryRoot();
        List<String> names = records().stream().map(record -> record.getFileName().toString()).toList();
        assertTrue(names.size() >= 7, "expected at least the 7 first records, found " + names);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(String.format("%04d", i + 1), names.get(i).substring(0, 4), "records are numbered 0001, 0002, … : " + names);
        }

        String index = Files.readString(root.resolve("docs/decisions/README.md"));
        Set<String> linked = new TreeSet<>();
        Matcher link = Pattern.compile("\\]\\((" + RECORD_NAME.pattern() + ")\\)").matcher(index);
        while (link.find()) {
            linked.add(link.group(1));
        }
        assertEquals(new TreeSet<>(names), linked, "docs/decisions/README.md links exactly the records");

        assertTrue(Files.readString(root.resolve("docs/architecture.md")).contains("](decisions/README.md)"),
                "docs/architecture.md links the decision records");
    }

    @Test
    void every_class_member_and_file_a_record_names_exists() throws IOException {
        DocumentedNames names = DocumentedNames.of(repositoryRoot());
        List<String> missing = new ArrayList<>();
        for (Path record : records()) {
            String name = record.getFileName().toString();
            DocumentedNames.Findings findings = names.check(name, Files.readString(record));
            missing.addAll(findings.missing());
            if (findings.checked() < 3) {
                missing.add(name + ": cites only " + findings.checked() + " classes or files; a record states facts from the code");
            }
        }
        assertEquals(List.of(), missing, "decision records name what does not exist");
    }

    /** Text between the heading {@code ## section} and the next {@code ## } heading. */
    private static String sectionBody(List<String> lines, String section) {
        int start = lines.indexOf("## " + section);
        if (start < 0) {
            return "";
        }
        return lines.subList(start + 1, lines.size()).stream().takeWhile(line -> !line.startsWith("## "))
                .collect(Collectors.joining("\n"));
    }

    private static List<Path> records() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("docs/decisions"))) {
            return files.filter(file -> RECORD_NAME.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static Path repositoryRoot() {
        return DocumentedNames.repositoryRoot();
    }
}
