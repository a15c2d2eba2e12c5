package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubkeysTest {

    @Test
    void derives_a_different_key_for_every_purpose_none_of_them_the_secret() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] signing = Subkeys.derive(secret, Subkeys.TOKEN_SIGNING);
        byte[] devices = Subkeys.derive(secret, Subkeys.KNOWN_DEVICES);
        byte[] seals = Subkeys.derive(secret, Subkeys.SEALS);

        List<byte[]> keys = List.of(secret, signing, devices, seals);
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                assertFalse(Arrays.equals(keys.get(i), keys.get(j)), i + " and " + j);
            }
        }
        assertEquals(32, signing.length);
    }
}
