package dev.gatehouse.support.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    private final HexFormat hex = HexFormat.of();

    @Test
    void is_hkdf_sha256_as_rfc_5869_test_case_1_computes_it() {
        byte[] okm = Hkdf.sha256(hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("0b".repeat(22)),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", hex.formatHex(okm));
    }

    @Test
    void takes_an_empty_salt_as_hash_length_zeros_as_rfc_5869_test_case_3_computes_it() {
        byte[] okm = Hkdf.sha256(new byte[0], hex.parseHex("0b".repeat(22)), new byte[0], 42);

        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", hex.formatHex(okm));
    }
}
