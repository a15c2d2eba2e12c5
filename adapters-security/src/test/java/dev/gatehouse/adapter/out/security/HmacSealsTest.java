package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.application.testing.SealsContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seals contract on HMAC seals, plus what only a keyed seal can promise: another key opens nothing. */
class HmacSealsTest extends SealsContract {

    private static final byte[] KEY = Subkeys.derive("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Subkeys.SEALS);
    private static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");

    @Override
    protected Seals newSeals() {
        return new HmacSeals(KEY);
    }

    @Override
    protected Seals anotherInstance() {
        return new HmacSeals(KEY);
    }

    @Test
    void a_seal_made_with_another_key_does_not_open() {
        String sealed = new HmacSeals(Subkeys.derive(KEY, "another purpose")).seal(Seals.Purpose.BROWSER_SESSION, "user",
                NOW.plusSeconds(60));

        assertEquals(Optional.empty(), newSeals().open(Seals.Purpose.BROWSER_SESSION, sealed, NOW));
    }

    @Test
    void a_payload_with_a_longer_expiry_keeps_its_old_mac_and_does_not_open() {
        Seals seals = newSeals();
        String sealed = seals.seal(Seals.Purpose.BROWSER_SESSION, "user", NOW.plusSeconds(60));
        String payload = new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.'))), StandardCharsets.US_ASCII);
        String extended = payload.replace(Long.toString(NOW.plusSeconds(60).getEpochSecond()),
                Long.toString(NOW.plusSeconds(999_999).getEpochSecond()));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(extended.getBytes(StandardCharsets.US_ASCII))
                + sealed.substring(sealed.indexOf('.'));

        assertEquals(Optional.empty(), seals.open(Seals.Purpose.BROWSER_SESSION, forged, NOW.plusSeconds(120)));
    }
}
