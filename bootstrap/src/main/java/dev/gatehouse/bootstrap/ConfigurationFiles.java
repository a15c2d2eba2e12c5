package dev.gatehouse.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads settings from {@code application.yaml}: the one in the working directory if there is one, then the
 * defaults packed in the jar. A setting's YAML key is its environment-variable name in lower case with
 * dots: {@code GATEHOUSE_DB_URL} is {@code gatehouse.db.url}.
 *
 * <p>SnakeYAML's node tree, not a configuration framework: a value is the text written in the file ({@code 8080},
 * {@code 15m}, {@code false}), as the environment would give it, and nothing is constructed from the file. Helidon
 * Config did this before, building mappers and parsers through service lookups for one small file (bench/README.md,
 * "The floor of the stack").
 */
final class ConfigurationFiles {

    private static final String FILE = "application.yaml";

    private ConfigurationFiles() {
    }

    static SettingSource applicationYaml() {
        return workingDirectoryYaml(Path.of(FILE)).orElse(packedApplicationYaml());
    }

    /** The defaults packed in the jar alone: what the AOT training reads (a working directory's database is not its). */
    static SettingSource packedApplicationYaml() {
        try (InputStream packed = ConfigurationFiles.class.getClassLoader().getResourceAsStream(FILE)) {
            return packed == null ? SettingSource.of(Map.of()) : read("the packed " + FILE, packed);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The settings of {@code file}, or none when there is no such file. */
    static SettingSource workingDirectoryYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toAbsolutePath().toString(), in);
        } catch (NoSuchFileException absent) {
            return SettingSource.of(Map.of());
        } catch (IOException unreadable) {
            throw new InvalidSettingException("cannot read " + file.toAbsolutePath() + ": " + unreadable.getMessage());
        }
    }

    static String keyOf(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static SettingSource read(String origin, InputStream in) {
        Node root;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = new Yaml().compose(reader);
        } catch (YAMLException malformed) {
            throw new InvalidSettingException(origin + " is not valid YAML: " + oneLine(malformed.getMessage()));
        } catch (IOException unreadable) {
            throw new InvalidSettingException("cannot read " + origin + ": " + unreadable.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        if (root != null && !isNull(root)) {
            if (!(root instanceof MappingNode mapping)) {
                throw new InvalidSettingException(origin + " must hold keys such as gatehouse: {port: 8080}");
            }
            flatten(origin, "", mapping, values);
        }
        return name -> Optional.ofNullable(values.get(keyOf(name)));
    }

    /**
     * Nested keys joined with dots ({@code gatehouse: {db: {url: …}}} is {@code gatehouse.db.url}); nulls are absent.
     * A key set twice, nested or dotted, is refused (the node tree keeps both, and which one wins would be a guess).
     */
    private static void flatten(String origin, String prefix, MappingNode mapping, Map<String, String> values) {
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getTag().equals(Tag.MERGE)) {
                throw new InvalidSettingException(origin + " line " + line(entry.getKeyNode())
                        + ": a key is plain text (no merge keys, no lists or maps as keys)");
            }
            String key = prefix + keyNode.getValue();
            Node value = entry.getValueNode();
            if (value instanceof MappingNode nested) {
                flatten(origin, key + ".", nested, values);
            } else if (value instanceof ScalarNode scalar) {
                if (!isNull(scalar) && values.putIfAbsent(key, scalar.getValue()) != null) {
                    throw new InvalidSettingException(origin + " line " + line(value) + ": " + key + " is set twice");
                }
            } else {
                throw new InvalidSettingException(origin + " line " + line(value) + ": " + key
                        + " is a list; a setting is one value (several are written comma-separated, as in the environment)");
            }
        }
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
