package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.testing.KnownDevicesContract;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKnownDevicesTest extends KnownDevicesContract {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final byte[] secret = JwtSettings.randomSecret();
    private final User jane = user("jane");

    @Override
    protected KnownDevices newKnownDevices() {
        return new HmacKnownDevices(JwtSettings.randomSecret(), HmacKnownDevices.DEFAULT_LIFETIME, clock);
    }

    @Test
    void honours_a_credential_until_its_lifetime_is_over() {
        HmacKnownDevices devices = new HmacKnownDevices(secret, Duration.ofDays(30), clock);
        String credential = devices.enrol(jane);

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertTrue(devices.recognise(credential, jane).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(devices.recognise(credential, jane).isEmpty());
    }

    @Test
    void every_instance_with_the_same_secret_recognises_the_same_credentials() {
        String credential = new HmacKnownDevices(secret, Duration.ofDays(1), clock).enrol(jane);

        Optional<String> device = new HmacKnownDevices(secret, Duration.ofDays(1), clock).recognise(credential, jane);

        assertTrue(device.isPresent());
        assertEquals(22, device.get().length(), "128 random bits, base64url");
    }

    @Test
    void keys_its_mac_apart_from_the_secret_itself() throws GeneralSecurityException {
        HmacKnownDevices devices = new HmacKnownDevices(secret, Duration.ofDays(1), clock);
        byte[] payload = DECODER.decode(devices.enrol(jane).split("\\.")[0]);

        // A MAC under the raw secret, which is also the JWT signing key when both come from one setting, fails...
        String rawKeyed = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(secret, payload));
        assertTrue(devices.recognise(rawKeyed, jane).isEmpty());
        // ...while the same payload under the derived key passes, so it is the key alone that made the difference.
        byte[] derived = hmac(secret, "gatehouse known-device v1".getBytes(StandardCharsets.US_ASCII));
        String derivedKeyed = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(hmac(derived, payload));
        assertTrue(devices.recognise(derivedKeyed, jane).isPresent());
    }

    @Test
    void binds_the_credential_to_the_user_id_and_security_version_inside_the_mac() throws GeneralSecurityException {
        HmacKnownDevices devices = new HmacKnownDevices(secret, Duration.ofDays(1), clock);
        User john = user("john");
        String credential = devices.enrol(jane);
        String payload = new String(DECODER.decode(credential.split("\\.")[0]), StandardCharsets.US_ASCII);

        assertTrue(payload.startsWith("2|") && payload.endsWith("|" + jane.id().value() + "|0"), payload);
        String swapped = ENCODER.encodeToString(payload.replace(jane.id().value().toString(), john.id().value().toString())
                .getBytes(StandardCharsets.US_ASCII)) + "." + credential.split("\\.")[1];
        assertTrue(devices.recognise(swapped, john).isEmpty());
        String stillVersionZero = ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "." + credential.split("\\.")[1];
        assertTrue(devices.recognise(stillVersionZero, jane.endAllSessions()).isEmpty(), "retired by the new security version");
        assertTrue(devices.recognise(credential, jane).isPresent());
    }

    @Test
    void refuses_other_spellings_of_a_genuine_credential() {
        HmacKnownDevices devices = new HmacKnownDevices(secret, Duration.ofDays(1), clock);
        String credential = devices.enrol(jane);
        String[] parts = credential.split("\\.");
        // The MAC is 32 bytes, 43 base64url characters whose last one carries 2 unused bits: flipping one decodes alike.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char flipped = alphabet.charAt(alphabet.indexOf(parts[1].charAt(42)) ^ 1);
        String otherTrailingBits = parts[0] + "." + parts[1].substring(0, 42) + flipped;

        for (String variant : List.of(credential + "=", parts[0] + "=." + parts[1], " " + credential, credential + " ",
                credential.replace('-', '+').replace('_', '/'), otherTrailingBits, parts[0] + "." + parts[1] + "." + parts[1],
                parts[0], "." + parts[1], parts[0] + ".")) {
            if (!variant.equals(credential)) {
                assertTrue(devices.recognise(variant, jane).isEmpty(), variant);
            }
        }
    }

    @Test
    void never_throws_whatever_it_is_given() {
        HmacKnownDevices devices = new HmacKnownDevices(secret, Duration.ofDays(1), clock);

        for (String junk : new String[] {null, "", ".", "..", "a.", ".a", "%%%.%%%", "\u0000.\u0000", "é.é",
                "x".repeat(HmacKnownDevices.MAX_CREDENTIAL_CHARS + 1), "AAAA.AAAA"}) {
            assertTrue(devices.recognise(junk, jane).isEmpty(), String.valueOf(junk));
        }
        assertTrue(devices.recognise(devices.enrol(jane), null).isEmpty());
    }

    @Test
    void stays_well_under_the_length_cap_for_the_longest_username() {
        String credential = new HmacKnownDevices(secret, Duration.ofDays(1), clock).enrol(user("j".repeat(Username.MAX_LENGTH)).endAllSessions());

        assertTrue(credential.length() < HmacKnownDevices.MAX_CREDENTIAL_CHARS, credential);
        assertTrue(credential.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), credential);
    }

    @Test
    void refuses_a_short_secret_and_odd_lifetimes() {
        assertThrows(IllegalArgumentException.class, () -> new HmacKnownDevices(new byte[31], Duration.ofDays(1), clock));
        assertThrows(NullPointerException.class, () -> new HmacKnownDevices(null, Duration.ofDays(1), clock));
        for (Duration lifetime : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500), Duration.ofDays(401))) {
            assertThrows(IllegalArgumentException.class, () -> new HmacKnownDevices(secret, lifetime, clock), lifetime::toString);
        }
        assertThrows(NullPointerException.class, () -> new HmacKnownDevices(secret, Duration.ofDays(1), null));
    }

    @Test
    void keeps_no_reference_to_the_callers_secret_and_hides_it() {
        byte[] mine = secret.clone();
        HmacKnownDevices devices = new HmacKnownDevices(mine, Duration.ofDays(1), clock);
        String credential = devices.enrol(jane);

        mine[0] ^= 1;

        assertTrue(devices.recognise(credential, jane).isPresent());
        assertFalse(devices.toString().contains(ENCODER.encodeToString(secret)));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static User user(String name) {
        return User.register(new Username(name), new PasswordHash("$test$" + name), null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
