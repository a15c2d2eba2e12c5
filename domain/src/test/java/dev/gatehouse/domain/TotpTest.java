package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B's SHA-1 vectors (their last six digits), the ±1 step window, and base32. */
class TotpTest {

    private static final TotpSecret RFC_KEY = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void computes_the_rfc_6238_vectors(long unixTime, String expected) {
        assertEquals(expected, Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(unixTime))));
    }

    @Test
    void accepts_one_step_either_side_and_no_further() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.stepAt(now);

        assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step), now));
        assertEquals(OptionalLong.of(step - 1), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now));
        assertEquals(OptionalLong.of(step + 1), Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now));
        assertFalse(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now).isPresent());
        assertFalse(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2), now).isPresent());
        assertFalse(Totp.matchingStep(RFC_KEY, "12345", now).isPresent());
        assertFalse(Totp.matchingStep(RFC_KEY, "abcdef", now).isPresent());
        assertFalse(Totp.matchingStep(RFC_KEY, null, now).isPresent());
    }

    @Test
    void encodes_the_secret_in_base32_without_padding() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RFC_KEY.base32());
        assertEquals("TotpSecret[redacted]", RFC_KEY.toString());
    }
}
