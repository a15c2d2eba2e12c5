package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeyEncryptionTest {

    /**
     * Stored keys name the key-encryption key they were sealed with: its id must never change for the same
     * material, or every stored signing key becomes unreadable. The value is HKDF-SHA256 (zero salt, label
     * "gatehouse signing-key encryption key id v1") computed outside Java.
     */
    @Test
    void names_its_key_by_the_same_id_for_the_same_material_as_every_earlier_release() {
        byte[] material = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

        assertEquals("709c2d3cae7719c6", new SigningKeyEncryption(material).keyId());
    }
}
