package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one list of settings: Gatehouse reads no variable that is not in it and none of its entries
 * goes unread, each is listed once, and each default the README shows is the default the code uses.
 */
class SettingsCatalogueTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** A string literal that is a setting's name or the start of one: what reading a variable by hand looks like. */
    private static final Pattern NAME_LITERAL = Pattern.compile("\"GATEHOUSE_[A-Z0-9_]*\"");

    @Test
    void lists_every_setting_once_under_one_group() throws IllegalAccessException {
        List<Setting<?>> declared = new ArrayList<>();
        for (Field field : SettingsCatalogue.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                declared.add((Setting<?>) field.get(null));
            }
        }
        List<Setting<?>> listed = SettingsCatalogue.all();

        assertEquals(declared.size(), listed.size(), "every setting declared is listed in exactly one group, and only those");
        assertTrue(listed.containsAll(declared), "every setting declared is listed");
        assertEquals(listed.size(), listed.stream().map(Setting::name).distinct().count(), "no name twice");
        for (Setting<?> setting : listed) {
            assertTrue(setting.name().matches("GATEHOUSE_[A-Z0-9_]+(<ID>)?"), setting.name());
            assertTrue(!setting.description().isBlank() && !setting.description().contains("\n"), setting.name() + " is described");
            assertTrue(!setting.description().replace("\\|", "").contains("|"), setting.name() + ": a | must be escaped in a table");
        }
    }

    @Test
    void shows_the_default_the_code_uses() {
        int checked = 0;
        for (Setting<?> setting : SettingsCatalogue.all()) {
            Matcher literal = Pattern.compile("`([^`]*)`").matcher(setting.shownDefault());
            if (setting.defaultValue().isPresent() && literal.matches()) {
                Object parsed = setting.parser().parse(setting.name(), literal.group(1));
                assertEquals(setting.defaultValue().get(), parsed, setting.name() + ": the README shows " + setting.shownDefault());
                checked++;
            }
        }
        assertTrue(checked >= 45, "most defaults are literals the test can read: " + checked);
    }

    @Test
    void gatehouse_reads_every_setting_of_the_catalogue_and_no_other() {
        Set<String> asked = new TreeSet<>();
        // Between them, these reach every branch that reads a setting: the embedded database and PostgreSQL, the old
        // issuer name and the new one, no clients and a confidential one.
        read(asked, Map.of("GATEHOUSE_JWT_SECRET", SECRET));
        read(asked, Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_DB_URL", "jdbc:postgresql://db/gatehouse",
                "GATEHOUSE_ISSUER", "https://auth.example.com", "GATEHOUSE_CLIENTS", "back-office:confidential",
                "GATEHOUSE_CLIENT_SECRET_BACK_OFFICE", SECRET));
        read(asked, Map.of("GATEHOUSE_JWT_SECRET", SECRET, "GATEHOUSE_SMTP_HOST", "smtp.example.com", "GATEHOUSE_SMTP_PORT", "2525",
                "GATEHOUSE_SMTP_USERNAME", "gatehouse", "GATEHOUSE_SMTP_PASSWORD", "smtp-password", "GATEHOUSE_SMTP_FROM", "noreply@example.com"));

        Set<String> unknown = new TreeSet<>();
        Set<String> unread = new TreeSet<>();
        for (String name : asked) {
            if (SettingsCatalogue.all().stream().noneMatch(setting -> names(setting, name))) {
                unknown.add(name);
            }
        }
        for (Setting<?> setting : SettingsCatalogue.all()) {
            if (asked.stream().noneMatch(name -> names(setting, name))) {
                unread.add(setting.name());
            }
        }
        assertEquals(Set.of(), unknown, "read, but not in the catalogue (so not in the README)");
        assertEquals(Set.of(), unread, "in the catalogue, but never read");
    }

    @Test
    void no_code_names_a_setting_outside_the_catalogue() {
        List<String> found = new ArrayList<>();
        for (Path source : mainSources()) {
            if (source.endsWith(Path.of("dev", "gatehouse", "bootstrap", "SettingsCatalogue.java"))) {
                continue;
            }
            String[] lines = read(source).split("\n", -1);
            for (int index = 0; index < lines.length; index++) {
                if (NAME_LITERAL.matcher(lines[index]).find()) {
                    found.add(source.getFileName() + ":" + (index + 1) + ": " + lines[index].strip());
                }
            }
        }
        assertEquals(List.of(), found, "read settings through SettingsCatalogue (Setting.name() where a name is needed)");
    }

    @Test
    void the_packed_configuration_file_names_only_settings_of_the_catalogue() {
        Set<String> keys = new TreeSet<>();
        keys(read(projectRoot().resolve("bootstrap/src/main/resources/application.yaml")), keys);
        assertTrue(keys.contains("gatehouse.jwt.issuer"), "read the file: " + keys);
        keys.removeAll(SettingsCatalogue.all().stream().map(Setting::name).map(ConfigurationFiles::keyOf).toList());
        assertEquals(Set.of(), keys, "keys of application.yaml that no setting reads");
    }

    private static void read(Set<String> asked, Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        GatehouseSettings.from(name -> {
            asked.add(name);
            return Optional.ofNullable(copy.get(name));
        });
    }

    private static boolean names(Setting<?> setting, String name) {
        if (!setting.family()) {
            return setting.name().equals(name);
        }
        String prefix = setting.name().substring(0, setting.name().indexOf(Setting.PLACEHOLDER));
        String suffix = setting.name().substring(prefix.length() + Setting.PLACEHOLDER.length());
        return name.startsWith(prefix) && name.endsWith(suffix)
                && name.substring(prefix.length(), name.length() - suffix.length()).matches("[A-Z0-9_]+");
    }

    /** The dotted keys with a value, from a YAML file of nested maps indented by two spaces. */
    private static void keys(String yaml, Set<String> keys) {
        List<String> path = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            String content = line.replaceAll("#.*", "");
            if (content.isBlank()) {
                continue;
            }
            int depth = (content.length() - content.stripLeading().length()) / 2;
            String[] keyAndValue = content.strip().split(":", 2);
            while (path.size() > depth) {
                path.removeLast();
            }
            path.add(keyAndValue[0].strip());
            if (!keyAndValue[1].isBlank()) {
                keys.add(String.join(".", path));
            }
        }
    }

    private static List<Path> mainSources() {
        Path root = projectRoot();
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> sources = new ArrayList<>();
            for (Path module : modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(module)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
            assertTrue(sources.stream().anyMatch(file -> file.endsWith("GatehouseSettings.java")), "found the sources: " + root);
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's directory (where mvnw is), found from the module's directory upwards. */
    static Path projectRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.exists(directory.resolve("mvnw")) && Files.exists(directory.resolve("README.md"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
