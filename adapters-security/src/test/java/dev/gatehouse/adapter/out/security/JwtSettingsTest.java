package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {

    private static final byte[] SECRET = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    @Test
    void accepts_sensible_settings() {
        JwtSettings settings = settings(SECRET, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW);

        assertEquals("gatehouse", settings.issuer());
        assertEquals(Duration.ofMinutes(15), settings.lifetime());
        assertArrayEquals(SECRET, settings.secret());
    }

    @Test
    void refuses_a_short_secret_without_showing_it() {
        byte[] shortSecret = "hunter2-hunter2-hunter2-hunter2".getBytes(StandardCharsets.US_ASCII);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings(shortSecret, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));

        assertTrue(error.getMessage().contains("32 bytes"), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"));
        assertFalse(error.getMessage().contains(Base64.getEncoder().encodeToString(shortSecret)));
        assertFalse(error.getMessage().contains(HexFormat.of().formatHex(shortSecret)));
    }

    @Test
    void refuses_blank_issuer_or_audience() {
        assertThrows(IllegalArgumentException.class, () -> new JwtSettings(" ", "aud", SECRET,
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));
        assertThrows(IllegalArgumentException.class, () -> new JwtSettings("iss", "", SECRET,
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));
        assertThrows(NullPointerException.class, () -> new JwtSettings(null, "aud", SECRET,
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));
    }

    @Test
    void refuses_lifetimes_outside_one_second_to_a_day() {
        for (Duration lifetime : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), Duration.ofHours(24).plusSeconds(1),
                Duration.ofMillis(1500)}) {
            assertThrows(IllegalArgumentException.class,
                    () -> settings(SECRET, lifetime, JwtSettings.DEFAULT_CLOCK_SKEW), lifetime::toString);
        }
        settings(SECRET, Duration.ofHours(24), JwtSettings.DEFAULT_CLOCK_SKEW);
        settings(SECRET, Duration.ofSeconds(1), JwtSettings.DEFAULT_CLOCK_SKEW);
    }

    @Test
    void refuses_clock_skews_outside_zero_to_a_minute() {
        assertThrows(IllegalArgumentException.class, () -> settings(SECRET, JwtSettings.DEFAULT_LIFETIME, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> settings(SECRET, JwtSettings.DEFAULT_LIFETIME, Duration.ofSeconds(61)));
        settings(SECRET, JwtSettings.DEFAULT_LIFETIME, Duration.ZERO);
        settings(SECRET, JwtSettings.DEFAULT_LIFETIME, Duration.ofSeconds(60));
    }

    @Test
    void keeps_its_own_copy_of_the_secret() {
        byte[] secret = SECRET.clone();
        JwtSettings settings = settings(secret, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW);

        Arrays.fill(secret, (byte) 0);
        settings.secret()[0] = 'X';

        assertArrayEquals(SECRET, settings.secret());
    }

    @Test
    void redacts_the_secret_in_to_string() {
        String text = settings(SECRET, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW).toString();

        assertFalse(text.contains("0123456789"), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(SECRET)), text);
        assertFalse(text.contains(Arrays.toString(SECRET)), text);
        assertTrue(text.contains("redacted"), text);
    }

    @Test
    void compares_by_content() {
        assertEquals(settings(SECRET, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW),
                settings(SECRET.clone(), JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));
        assertNotEquals(settings(SECRET, JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW),
                settings(JwtSettings.randomSecret(), JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW));
    }

    @Test
    void makes_fresh_32_byte_random_secrets() {
        byte[] first = JwtSettings.randomSecret();
        byte[] second = JwtSettings.randomSecret();

        assertEquals(32, first.length);
        assertFalse(Arrays.equals(first, second));
    }

    private static JwtSettings settings(byte[] secret, Duration lifetime, Duration skew) {
        return new JwtSettings("gatehouse", "gatehouse-api", secret, lifetime, skew);
    }
}
