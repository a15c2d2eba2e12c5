package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a page of the docs names in backticks, checked against the repository: a class ({@code `FooBar`}), a
 * member ({@code `FooBar.member`}, a whole word in a file declaring the class), a file ({@code `Foo.java`},
 * {@code `docs/x.md`}) or a setting ({@code `GATEHOUSE_…`}, named in quotes in some Java source). A third-party
 * type is written with its package ({@code `java.util.ServiceLoader`}) and not checked. A rename or a deletion
 * then fails the docs' tests instead of leaving a page that cites nothing.
 */
final class DocumentedNames {

    private static final Pattern QUOTED = Pattern.compile("`([^`\\n]+)`");
    /** {@code FooBar}, {@code FooBar.member}, {@code FooBar.member()}: an upper-case initial and a lower-case letter. */
    private static final Pattern CLASS = Pattern.compile("([A-Z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\(\\))?");
    /** {@code dev.gatehouse.some.package.FooBar}; other qualified names are third-party. */
    private static final Pattern OURS_QUALIFIED = Pattern.compile("dev\\.gatehouse(?:\\.[a-z][a-z0-9]*)+\\.([A-Z][A-Za-z0-9]*)");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.(java|sql|json|feature|md|yaml|html|js)");
    /** A setting, {@code GATEHOUSE_…}, alone or leading a quoted value ({@code GATEHOUSE_REFRESH_REUSE_GRACE=0s}). */
    private static final Pattern SETTING = Pattern.compile("(GATEHOUSE_[A-Z0-9_]*[A-Z0-9])\\b.*");
    private static final Pattern DECLARATION =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9]*)");

    private final Path root;
    private final List<Path> files;
    private final Map<String, List<Path>> declaring;
    private final String javaText;

    private DocumentedNames(Path root) throws IOException {
        this.root = root;
        this.files = filesUnder(root);
        this.declaring = declaringFiles(files);
        this.javaText = files.stream().filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/"))
                .map(DocumentedNames::read).collect(Collectors.joining("\n"));
    }

    static DocumentedNames of(Path root) throws IOException {
        return new DocumentedNames(root);
    }

    /** What checking {@code text} found: the names checked, and those that do not exist. */
    record Findings(int checked, List<String> missing) {
    }

    /** Checks every name {@code text} quotes in backticks; {@code label} prefixes each missing one. */
    Findings check(String label, String text) {
        int checked = 0;
        List<String> missing = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            String name = quoted.group(1);
            Matcher ours = OURS_QUALIFIED.matcher(name);
            Matcher type = CLASS.matcher(name);
            Matcher setting = SETTING.matcher(name);
            if (setting.matches()) {
                checked++;
                if (!javaText.contains("\"" + setting.group(1) + "\"")) {
                    missing.add(label + ": setting " + setting.group(1) + " (no Java source names it in quotes)");
                }
            } else if (FILE.matcher(name).matches()) {
                checked++;
                if (files.stream().noneMatch(file -> matchesFile(file, name))) {
                    missing.add(label + ": file " + name);
                }
            } else if (ours.matches()) {
                checked++;
                if (!declaring.containsKey(ours.group(1))) {
                    missing.add(label + ": class " + name);
                }
            } else if (type.matches() && type.group(1).chars().anyMatch(Character::isLowerCase)) {
                checked++;
                List<Path> sources = declaring.get(type.group(1));
                if (sources == null) {
                    missing.add(label + ": class " + name);
                } else {
                    for (String member : type.group(2).split("\\.")) {
                        Pattern word = Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
                        if (!member.isEmpty() && sources.stream().noneMatch(source -> word.matcher(read(source)).find())) {
                            missing.add(label + ": member " + member + " of " + name);
                        }
                    }
                }
            }
        }
        return new Findings(checked, missing);
    }

    /**
     * A bare file name anywhere in the repository, or a path that a file's path ends with; a Java source only
     * under a {@code src} tree.
     */
    private boolean matchesFile(Path file, String text) {
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

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/.git/"))
                    .toList();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The directory holding docs/: the module's parent when Maven runs the tests, else the nearest ancestor. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/decisions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/ not found above " + Path.of("").toAbsolutePath());
    }
}
