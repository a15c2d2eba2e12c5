package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFilesTest {

    @TempDir
    Path folder;

    @Test
    void maps_environment_names_to_yaml_keys() {
        assertEquals("gatehouse.db.url", ConfigurationFiles.keyOf("GATEHOUSE_DB_URL"));
        assertEquals("gatehouse.argon2.memory.kib", ConfigurationFiles.keyOf("GATEHOUSE_ARGON2_MEMORY_KIB"));
    }

    @Test
    void the_packed_application_yaml_carries_the_documented_defaults() {
        SettingSource yaml = ConfigurationFiles.applicationYaml();

        assertEquals(Optional.of("8080"), yaml.get("GATEHOUSE_PORT"));
        assertEquals(Optional.of("127.0.0.1"), yaml.get("GATEHOUSE_HOST"));
        assertEquals(Optional.of("15m"), yaml.get("GATEHOUSE_TOKEN_TTL"));
        assertEquals(Optional.of("19456"), yaml.get("GATEHOUSE_ARGON2_MEMORY_KIB"));
        assertEquals(Optional.of("false"), yaml.get("GATEHOUSE_DEMO"));
        assertEquals(Optional.empty(), yaml.get("GATEHOUSE_DB_URL"));
    }

    @Test
    void a_working_directory_file_overrides_the_packed_defaults_key_by_key() throws IOException {
        SettingSource yaml = ConfigurationFiles.workingDirectoryYaml(write("""
                gatehouse:
                  port: 9090
                  db:
                    url: "jdbc:postgresql://db:5432/gatehouse"   # quoted or not, the text between
                  token.ttl: 5m
                """)).orElse(ConfigurationFiles.packedApplicationYaml());

        assertEquals(Optional.of("9090"), yaml.get("GATEHOUSE_PORT"));
        assertEquals(Optional.of("jdbc:postgresql://db:5432/gatehouse"), yaml.get("GATEHOUSE_DB_URL"));
        assertEquals(Optional.of("5m"), yaml.get("GATEHOUSE_TOKEN_TTL"));
        assertEquals(Optional.of("127.0.0.1"), yaml.get("GATEHOUSE_HOST"), "what the file leaves out comes from the packed one");
    }

    @Test
    void values_are_the_text_written_as_the_environment_would_give_it() throws IOException {
        SettingSource yaml = ConfigurationFiles.workingDirectoryYaml(write("""
                gatehouse:
                  demo: true
                  issuer: 2026-01-01
                  audience: ~
                  jwt:
                    secret: &secret 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=='
                  previous: *secret
                """));

        assertEquals(Optional.of("true"), yaml.get("GATEHOUSE_DEMO"));
        assertEquals(Optional.of("2026-01-01"), yaml.get("GATEHOUSE_ISSUER"), "not a date turned into Java's text for it");
        assertEquals(Optional.empty(), yaml.get("GATEHOUSE_AUDIENCE"), "a null is no value");
        assertEquals(Optional.of("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="), yaml.get("GATEHOUSE_PREVIOUS"));
    }

    @Test
    void no_file_in_the_working_directory_is_no_setting() {
        assertEquals(Optional.empty(), ConfigurationFiles.workingDirectoryYaml(folder.resolve("absent.yaml")).get("GATEHOUSE_PORT"));
    }

    @Test
    void an_empty_file_is_no_setting() throws IOException {
        assertEquals(Optional.empty(), ConfigurationFiles.workingDirectoryYaml(write("# nothing yet\n")).get("GATEHOUSE_PORT"));
    }

    @Test
    void a_malformed_file_is_refused_in_one_line_naming_it() throws IOException {
        Path file = write("gatehouse:\n  port: 8080\n   host: [unclosed\n");

        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> ConfigurationFiles.workingDirectoryYaml(file));

        assertTrue(refused.getMessage().startsWith(file.toAbsolutePath() + " is not valid YAML"), refused.getMessage());
        assertTrue(refused.getMessage().contains("line 3"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void a_list_a_key_set_twice_and_a_file_that_is_no_mapping_are_refused() throws IOException {
        assertRefused("gatehouse:\n  clients:\n    - a\n    - b\n", "line 3: gatehouse.clients is a list");
        assertRefused("gatehouse:\n  port: 1\n  port: 2\n", "line 3: gatehouse.port is set twice");
        assertRefused("gatehouse.port: 1\ngatehouse:\n  port: 2\n", "line 3: gatehouse.port is set twice");
        assertRefused("- gatehouse\n", "must hold keys");
        assertRefused("base: &base {port: 1}\ngatehouse:\n  <<: *base\n", "line 3: a key is plain text");
    }

    private void assertRefused(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> ConfigurationFiles.workingDirectoryYaml(file));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(folder, "application", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
