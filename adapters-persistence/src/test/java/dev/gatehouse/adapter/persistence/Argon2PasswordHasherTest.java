package dev.gatehouse.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.testing.PasswordHasherContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import org.junit.jupiter.api.Test;

/** The hasher contract with cheap parameters, plus the argon2-specific promises. */
class Argon2PasswordHasherTest extends PasswordHasherContract {

    private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

    @Override
    protected PasswordHasher newHasher() {
        return new Argon2PasswordHasher(CHEAP);
    }

    @Test
    void stores_a_phc_string_with_the_owasp_parameters() {
        PasswordHash hash = new Argon2PasswordHasher(Argon2Parameters.OWASP).hash(new PlainPassword("owasp"));

        assertTrue(hash.encoded().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash.encoded());
        assertEquals("argon2id", hash.algorithm());
        // 16 bytes of salt and 32 of hash, unpadded base64.
        String[] parts = hash.encoded().split("\\$");
        assertEquals(22, parts[4].length());
        assertEquals(43, parts[5].length());
    }

    @Test
    void verifies_with_the_parameters_encoded_in_the_hash_not_the_configured_ones() {
        PlainPassword password = new PlainPassword("changing costs");
        PasswordHash madeCheaply = new Argon2PasswordHasher(CHEAP).hash(password);
        Argon2PasswordHasher costlier = new Argon2PasswordHasher(new Argon2Parameters(2048, 2, 2));

        assertTrue(costlier.verify(password, madeCheaply));
        assertFalse(costlier.verify(new PlainPassword("changing cost"), madeCheaply));
    }

    @Test
    void answers_false_for_other_argon2_variants_and_truncated_hashes() {
        PlainPassword password = new PlainPassword("whatever");
        String good = new Argon2PasswordHasher(CHEAP).hash(password).encoded();
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);

        assertFalse(hasher.verify(password, new PasswordHash(good.replace("$argon2id$", "$argon2i$"))));
        assertFalse(hasher.verify(password, new PasswordHash(good.substring(0, good.length() - 10))));
        assertFalse(hasher.verify(password, new PasswordHash("$argon2id$")));
    }

    @Test
    void refuses_parameters_out_of_range() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(15, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(4_194_305, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 101, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(1024, 1, 65));
        new Argon2Parameters(8, 1, 1);
        new Argon2Parameters(4_194_304, 100, 64);
    }
}
