package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void generates_a_key_of_its_algorithm_named_after_the_public_key(SigningAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm, 1, NOW, NOW);

        assertTrue(algorithm.accepts(key.publicKey()));
        assertEquals(KeyId.of(key.publicKey()), key.id());
        assertTrue(key.canSign());
        assertFalse(key.publicOnly().canSign());
        assertFalse(key.toString().contains(key.privateKey().orElseThrow().toString()));
        assertTrue(key.toString().contains("[redacted]"));
        assertEquals(Optional.of(algorithm), SigningAlgorithm.fromJoseName(algorithm.joseName()));
    }

    @Test
    void refuses_keys_that_do_not_suit_the_algorithm() throws Exception {
        SigningKey es256 = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(es256.id(), 1, SigningAlgorithm.RS256,
                es256.publicKey(), Optional.empty(), NOW, NOW));
        KeyPairGenerator secp256k1 = KeyPairGenerator.getInstance("EC");
        secp256k1.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = secp256k1.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(KeyId.of(p384.getPublic()), 1,
                SigningAlgorithm.ES256, p384.getPublic(), Optional.empty(), NOW, NOW));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(KeyId.of(weak.getPublic()), 1,
                SigningAlgorithm.RS256, weak.getPublic(), Optional.empty(), NOW, NOW));
    }

    @Test
    void refuses_a_wrong_id_generation_zero_and_activation_before_creation() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(new KeyId("other"), 1, SigningAlgorithm.ES256,
                key.publicKey(), Optional.empty(), NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(key.id(), 0, SigningAlgorithm.ES256,
                key.publicKey(), Optional.empty(), NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(key.id(), 1, SigningAlgorithm.ES256,
                key.publicKey(), Optional.empty(), NOW, NOW.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new KeyId("with space"));
        assertThrows(IllegalArgumentException.class, () -> new KeyId("x".repeat(65)));
    }

    @Test
    void a_revocation_keeps_its_first_time_and_survives_dropping_the_private_part() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, NOW, NOW);
        SigningKey revoked = key.revoked(NOW.plusSeconds(5));

        assertFalse(key.isRevoked());
        assertTrue(revoked.isRevoked());
        assertEquals(Optional.of(NOW.plusSeconds(5)), revoked.revoked(NOW.plusSeconds(9)).revokedAt());
        assertEquals(revoked.revokedAt(), revoked.publicOnly().revokedAt());
        assertTrue(revoked.toString().contains("revokedAt="));
    }
}
