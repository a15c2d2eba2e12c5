package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.application.testing.OneTimePasswordsContract;
import dev.gatehouse.domain.TotpSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The production TOTP against the contract (RFC 6238 Appendix B, the window), and its codes against the vectors. */
class RfcTotpTest extends OneTimePasswordsContract {

    private static final TotpSecret RFC_KEY = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Override
    protected OneTimePasswords newAdapter() {
        return new RfcTotp();
    }

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void computes_the_rfc_6238_vectors(long unixTime, String expected) {
        assertEquals(expected, RfcTotp.code(RFC_KEY, RfcTotp.stepAt(Instant.ofEpochSecond(unixTime))));
    }
}
