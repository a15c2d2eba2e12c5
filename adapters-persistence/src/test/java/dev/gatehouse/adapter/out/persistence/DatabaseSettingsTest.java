package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://db.example.com:5432/gatehouse";

    @Test
    void accepts_a_jdbc_url_with_or_without_credentials() {
        DatabaseSettings settings = new DatabaseSettings(URL, "gatehouse", "s3cret", 10);

        assertEquals(URL, settings.jdbcUrl());
        assertFalse(settings.isEmbedded());
        new DatabaseSettings(URL, null, null, 2);
        new DatabaseSettings(URL, null, null, 100);
    }

    @Test
    void refuses_a_missing_blank_or_non_jdbc_url() {
        assertThrows(NullPointerException.class, () -> new DatabaseSettings(null, "u", "p", 10));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(" ", "u", "p", 10));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("postgresql://host/db", "u", "p", 10));
    }

    @Test
    void refuses_a_pool_size_outside_1_to_100() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(URL, "u", "p", 0));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(URL, "u", "p", 101));
    }

    @Test
    void never_prints_the_password() {
        String text = new DatabaseSettings(URL, "gatehouse", "s3cret-Pa55", 10).toString();

        assertFalse(text.contains("s3cret-Pa55"), text);
        assertTrue(text.contains(URL), text);
        assertTrue(text.contains("gatehouse"), text);
    }

    @Test
    void masks_a_password_carried_in_the_url() {
        String inQuery = new DatabaseSettings(URL + "?user=gh&password=urlSecret&ssl=true", null, null, 10).toString();
        String inUserInfo = new DatabaseSettings("jdbc:postgresql://gh:urlSecret@db.example.com/gatehouse", null, null, 10).toString();
        String h2Style = new DatabaseSettings("jdbc:h2:mem:x;PASSWORD=urlSecret;MODE=PostgreSQL", null, null, 10).toString();

        assertFalse(inQuery.contains("urlSecret"), inQuery);
        assertTrue(inQuery.contains("ssl=true"), inQuery);
        assertFalse(inUserInfo.contains("urlSecret"), inUserInfo);
        assertFalse(h2Style.contains("urlSecret"), h2Style);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings("x?password=urlSecret", null, null, 2));
        assertFalse(refused.getMessage().contains("urlSecret"), refused.getMessage());
    }

    @Test
    void embedded_is_an_h2_file_database_in_postgresql_mode_in_a_created_directory(@TempDir Path temp) {
        Path dataDirectory = temp.resolve("not/yet/there");

        DatabaseSettings settings = DatabaseSettings.embedded(dataDirectory);

        assertTrue(Files.isDirectory(dataDirectory));
        assertTrue(settings.isEmbedded());
        assertEquals("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("gatehouse")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", settings.jdbcUrl());
        assertEquals("sa", settings.user());
        assertEquals("", settings.password());
        assertEquals(10, settings.maximumPoolSize());
    }
}
