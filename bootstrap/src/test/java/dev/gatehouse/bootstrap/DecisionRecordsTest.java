package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    /** {@code FooBar}, {@code FooBar.member}, {@code FooBar.member()}: an upper-case initial and a lower-case letter. */
    private static final Pattern CLASS = Pattern.compile("([A-Z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\(\\))?");
    /** {@code dev.gatehouse.some.package.FooBar}; other qualified names are third-party. */
    private static final Pattern OURS_QUALIFIED = Pattern.compile("dev\\.gatehouse(?:\\.[a-z][a-z0-9]*)+\\.([A-Z][A-Za-z0-9]*)");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.(java|sql|json|feature|md|yaml|html|js)");
    /** A setting, {@code GATEHOUSE_…}, alone or leading a quoted value ({@code GATEHOUSE_REFRESH_REUSE_GRACE=0s}). */
    private static final Pattern SETTING = Pattern.compile("(GATEHOUSE_[A-Z0-9_]*[A-Z0-9])\\b.*");
    private static final Pattern DECLARATION =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9]*)");
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
        Path root = repositoryRoot();
        List<Path> files = filesUnder(root);
        Map<String, List<Path>> declaring = declaringFiles(files);
        String javaText = files.stream().filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/"))
                .map(DecisionRecordsTest::read).collect(Collectors.joining("\n"));
        List<String> missing = new ArrayList<>();
        for (Path record : records()) {
            String name = record.getFileName().toString();
            int checked = 0;
            Matcher quoted = QUOTED.matcher(Files.readString(record));
            while (quoted.find()) {
                String text = quoted.group(1);
                Matcher ours = OURS_QUALIFIED.matcher(text);
                Matcher type = CLASS.matcher(text);
                Matcher setting = SETTING.matcher(text);
                if (setting.matches()) {
                    checked++;
                    if (!javaText.contains("\"" + setting.group(1) + "\"")) {
                        missing.add(name + ": setting " + setting.group(1) + " (no Java source names it in quotes)");
                    }
                } else if (FILE.matcher(text).matches()) {
                    checked++;
                    if (files.stream().noneMatch(file -> matchesFile(root, file, text))) {
                        missing.add(name + ": file " + text);
                    }
                } else if (ours.matches()) {
                    checked++;
                    if (!declaring.containsKey(ours.group(1))) {
                        missing.add(name + ": class " + text);
                    }
                } else if (type.matches() && type.group(1).chars().anyMatch(Character::isLowerCase)) {
                    checked++;
                    List<Path> sources = declaring.get(type.group(1));
                    if (sources == null) {
                        missing.add(name + ": class " + text);
                    } else {
                        for (String member : type.group(2).split("\\.")) {
                            Pattern word = Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
                            if (!member.isEmpty() && sources.stream().noneMatch(source -> word.matcher(read(source)).find())) {
                                missing.add(name + ": member " + member + " of " + text);
                            }
                        }
                    }
                }
            }
            if (checked < 3) {
                missing.add(name + ": cites only " + checked + " classes or files; a record states facts from the code");
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

    /**
     * A bare file name anywhere in the repository, or a path that a file's path ends with; a Java source only
     * under a {@code src} tree.
     */
    private static boolean matchesFile(Path root, Path file, String text) {
        if (text.endsWith(".java") && !file.toString().contains("/src/")) {
            return false;
        }
        return text.contains("/") ? root.relativize(file).toString().endsWith(text) || file.toString().endsWith("/" + text)
                : file.getFileName().toString().equals(text);
    }

    /** Every type name declared in a Java source under a {@code src} tree, with the files declaring it. */
    private static Map<String, List<Path>> declaringFiles(List<Path> files) {
        Map<String, List<Path>> declaring = new HashMap<>();
        files.stream().filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/")).forEach(file -> {
            String simpleName = file.getFileName().toString().replace(".java", "");
            declaring.computeIfAbsent(simpleName, key -> new ArrayList<>()).add(file);
            Matcher declaration = DECLARATION.matcher(read(file));
            while (declaration.find()) {
                List<Path> list = declaring.computeIfAbsent(declaration.group(1), key -> new ArrayList<>());
                if (!list.contains(file)) {
                    list.add(file);
                }
            }
        });
        return declaring;
    }

    private static List<Path> records() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("docs/decisions"))) {
            return files.filter(file -> RECORD_NAME.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/.git/"))
                    .toList();
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
            if (Files.isDirectory(dir.resolve("docs/decisions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/decisions not found above " + Path.of("").toAbsolutePath());
    }
}
