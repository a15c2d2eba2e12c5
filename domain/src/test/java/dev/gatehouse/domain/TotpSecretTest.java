package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpSecretTest {

    @Test
    void encodes_the_secret_in_base32_without_padding_and_never_prints_it() {
        TotpSecret rfcKey = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", rfcKey.base32());
        assertEquals("TotpSecret[redacted]", rfcKey.toString());
    }
}
