package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatehouse.adapter.persistence.SigningKeyEncryption;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubkeysTest {

    @Test
    void is_hkdf_sha256_as_rfc_5869_test_case_1_computes_it() {
        HexFormat hex = HexFormat.of();
        byte[] okm = Subkeys.hkdf(hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("0b".repeat(22)),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", hex.formatHex(okm));
    }

    @Test
    void derives_a_different_key_for_every_purpose_none_of_them_the_secret() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] signing = Subkeys.derive(secret, Subkeys.TOKEN_SIGNING);
        byte[] devices = Subkeys.derive(secret, Subkeys.KNOWN_DEVICES);

        List<byte[]> keys = List.of(secret, signing, devices);
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                assertFalse(Arrays.equals(keys.get(i), keys.get(j)), i + " and " + j);
            }
        }
        assertEquals(32, signing.length);
        // The key-encryption key derives from the secret under its own label, inside SigningKeyEncryption.
        String kekId = new SigningKeyEncryption(secret).keyId();
        assertFalse(kekId.equals(new SigningKeyEncryption(signing).keyId()) || kekId.equals(new SigningKeyEncryption(devices).keyId()));
    }
}
