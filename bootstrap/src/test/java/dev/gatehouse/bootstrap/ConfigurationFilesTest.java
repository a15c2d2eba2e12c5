package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationFilesTest {

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
}
