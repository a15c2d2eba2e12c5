package dev.gatehouse.adapter.in.web;

import dev.gatehouse.adapter.out.security.HmacKnownDevices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSettingsTest {

    @Test
    void defaults_to_direct_clients_secure_cookies_and_the_device_lifetime() {
        assertEquals(List.of(), WebSettings.DEFAULT.addressing().trustedProxies());
        assertEquals(64, WebSettings.DEFAULT.addressing().ipv6PrefixLength());
        assertTrue(WebSettings.DEFAULT.secureCookies());
        assertEquals(HmacKnownDevices.DEFAULT_LIFETIME, WebSettings.DEFAULT.knownDeviceLifetime());
    }

    @Test
    void refuses_a_lifetime_a_cookie_cannot_carry() {
        assertThrows(NullPointerException.class, () -> new WebSettings(ClientAddressing.DIRECT, true, null));
        for (Duration lifetime : List.of(Duration.ZERO, Duration.ofSeconds(-5), Duration.ofMillis(2500), Duration.ofDays(401))) {
            assertThrows(IllegalArgumentException.class, () -> new WebSettings(ClientAddressing.DIRECT, true, lifetime), lifetime::toString);
        }
    }

    @Test
    void rounds_retry_after_up_to_whole_seconds_and_at_least_one() {
        assertEquals("1", JsonResponses.retryAfter(Duration.ZERO).get());
        assertEquals("1", JsonResponses.retryAfter(Duration.ofSeconds(-3)).get());
        assertEquals("1", JsonResponses.retryAfter(Duration.ofMillis(1)).get());
        assertEquals("1", JsonResponses.retryAfter(Duration.ofSeconds(1)).get());
        assertEquals("2", JsonResponses.retryAfter(Duration.ofMillis(1001)).get());
        assertEquals("900", JsonResponses.retryAfter(Duration.ofMinutes(15)).get());
        assertEquals(HeaderNames.RETRY_AFTER, JsonResponses.retryAfter(Duration.ofSeconds(1)).headerName());
    }
}
