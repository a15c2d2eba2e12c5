package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.domain.TotpSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link OneTimePasswords} adapter must do: accept RFC 6238 Appendix B's SHA-1 codes (their last six
 * digits) at their times, one step either side and no further, and refuse anything that is not six digits. Codes are
 * computed by the tests' own {@link ReferenceTotp}, not by the adapter.
 */
public abstract class OneTimePasswordsContract {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private OneTimePasswords codes;

    protected abstract OneTimePasswords newAdapter();

    @BeforeEach
    void create() {
        codes = newAdapter();
    }

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void accepts_the_rfc_6238_appendix_b_codes_at_their_times(long unixTime, String code) {
        Instant at = Instant.ofEpochSecond(unixTime);

        assertEquals(OptionalLong.of(unixTime / 30), codes.matchingStep(new TotpSecret(RFC_KEY), code, at));
    }

    @Test
    void accepts_one_step_either_side_and_no_further() {
        TotpSecret secret = codes.newSecret();
        ReferenceTotp app = new ReferenceTotp(secret.bytes());
        Instant now = Instant.ofEpochSecond(1_765_000_015L);
        long step = now.getEpochSecond() / 30;

        for (long offset = -1; offset <= 1; offset++) {
            assertEquals(OptionalLong.of(step + offset), codes.matchingStep(secret, app.codeForStep(step + offset, 6), now));
        }
        for (long offset : new long[] {-3, -2, 2, 3}) {
            String far = app.codeForStep(step + offset, 6);
            boolean alsoNear = far.equals(app.codeForStep(step - 1, 6)) || far.equals(app.codeForStep(step, 6))
                    || far.equals(app.codeForStep(step + 1, 6));
            if (!alsoNear) {
                assertFalse(codes.matchingStep(secret, far, now).isPresent(), "step offset " + offset);
            }
        }
    }

    @Test
    void refuses_anything_that_is_not_six_digits() {
        TotpSecret secret = codes.newSecret();
        Instant now = Instant.ofEpochSecond(1_765_000_015L);

        for (String typed : new String[] {null, "", "12345", "1234567", "abcdef", "12 456", "１２３４５６"}) {
            assertFalse(codes.matchingStep(secret, typed, now).isPresent(), String.valueOf(typed));
        }
    }

    @Test
    void makes_a_new_160_bit_secret_every_time() {
        TotpSecret one = codes.newSecret();

        assertEquals(TotpSecret.BYTES, one.bytes().length);
        assertNotEquals(one, codes.newSecret());
    }
}
