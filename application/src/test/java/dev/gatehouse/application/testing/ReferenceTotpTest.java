package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tests' authenticator against RFC 6238 Appendix B (the SHA-1 rows, 8 digits, and their last 6). */
class ReferenceTotpTest {

    private static final ReferenceTotp RFC_KEY = new ReferenceTotp("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matches_rfc_6238_appendix_b(long unixTime, String expected) {
        assertEquals(expected, RFC_KEY.codeAt(Instant.ofEpochSecond(unixTime), 8));
        assertEquals(expected.substring(2), RFC_KEY.codeAt(Instant.ofEpochSecond(unixTime)));
    }

    @org.junit.jupiter.api.Test
    void decodes_base32_as_rfc_4648_does() {
        // "12345678901234567890" in base32
        assertEquals("94287082", ReferenceTotp.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").codeAt(Instant.ofEpochSecond(59), 8));
    }
}
