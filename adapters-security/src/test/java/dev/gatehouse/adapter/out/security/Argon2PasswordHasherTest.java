package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.testing.PasswordHasherContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hasher contract with cheap parameters, plus the argon2-specific promises and the verification of bcrypt
 * hashes migrated from other systems. The bcrypt vectors were all made outside this code base, by the tools
 * named beside them (Debian 12: apache2-utils 2.4 htpasswd, libxcrypt through Perl's crypt; passlib 1.7.4 and
 * pyca bcrypt 5.0 on Python 3.11), or are published test vectors.
 */
class Argon2PasswordHasherTest extends PasswordHasherContract {

    private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
    // 100 characters: "abc...xyz" four times over, cut short. passlib and htpasswd read only the first 72 bytes.
    private static final String LONG_PASSWORD = "abcdefghijklmnopqrstuvwxyz".repeat(4).substring(0, 100);

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

    static Stream<Arguments> bcryptVectors() {
        return Stream.of(
                // htpasswd -nbBC 10 user password
                Arguments.of("htpasswd $2y$", "password", "$2y$10$L.t6oOYpfDulC3/WDsdU4eA3sq18IDP6XM7oRxXkgebCKuO./653u"),
                // passlib.hash.bcrypt.using(rounds=5).hash("secret"), passlib's default ident
                Arguments.of("passlib $2b$", "secret", "$2b$05$KpEpSNytMvCmR0lAMG3P1.7ng7lHAhvY25m3o3wt9M7N1PTiHPVQy"),
                // passlib.hash.bcrypt.using(rounds=5, ident="2a").hash("secret")
                Arguments.of("passlib $2a$", "secret", "$2a$05$xyCYDsbv0HSJ63.wgY9UxODGiQO.OYFh.n.CdAuF1z5J0gMnokxCi"),
                // bcrypt.hashpw(b"secret", bcrypt.gensalt(12)): passlib's default cost, what FastAPI apps store
                Arguments.of("pyca bcrypt $2b$ cost 12", "secret", "$2b$12$Qb19EhTgBoohBZyKYvMXYeRFqdU5j22Bp3qwN6oWm7ntThtqg7nhS"),
                // perl -e 'print crypt("password", q($2b$10$abcdefghijklmnopqrstuu))', and the same with $2a$
                Arguments.of("libxcrypt $2b$", "password", "$2b$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK"),
                Arguments.of("libxcrypt $2a$", "password", "$2a$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK"),
                // Openwall's crypt_blowfish test vectors (wrapper.c)
                Arguments.of("crypt_blowfish U*U", "U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                Arguments.of("crypt_blowfish U*U*", "U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
                // passlib, UTF-8 as Python encodes it
                Arguments.of("passlib unicode", "pässwörd-密码-🔑", "$2b$05$zuX3co0c268kFE5BO/nUQubo8Iwtrrb16ztTaCS05mr/HKiWTZL3y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bcryptVectors")
    void verifies_a_bcrypt_hash_made_elsewhere_and_asks_to_rehash_it(String madeBy, String password, String encoded) {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        PasswordHash hash = new PasswordHash(encoded);

        assertTrue(hasher.verify(new PlainPassword(password), hash), madeBy);
        assertFalse(hasher.verify(new PlainPassword(password + "x"), hash), madeBy);
        assertFalse(hasher.verify(new PlainPassword(password.toUpperCase(Locale.ROOT) + "!"), hash), madeBy);
        assertTrue(hasher.needsRehash(hash), madeBy);
    }

    @Test
    void refuses_a_password_over_72_bytes_against_bcrypt_instead_of_reading_only_its_first_72() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        // passlib.hash.bcrypt.using(rounds=5, truncate_error=False).hash(LONG_PASSWORD)
        PasswordHash passlib = new PasswordHash("$2b$05$1zCQrt.GWwqSF3xVUaTudeLXDgYrYfm66cWlS2haBHQFtrqN17w0K");
        // htpasswd -nbBC 5 user LONG_PASSWORD
        PasswordHash htpasswd = new PasswordHash("$2y$05$/VT.Vg5.C4tKISOqk6zMnOnPra.OcxllDZnxcfEiySVZNdRSzmPO6");

        for (PasswordHash hash : new PasswordHash[] {passlib, htpasswd}) {
            // Silently cut to 72 bytes, any suffix would log in; so no password over 72 bytes does.
            assertFalse(hasher.verify(new PlainPassword(LONG_PASSWORD.substring(0, 72) + "anything after byte 72"), hash));
            assertFalse(hasher.verify(new PlainPassword(LONG_PASSWORD), hash));
            assertTrue(hasher.verify(new PlainPassword(LONG_PASSWORD.substring(0, 72)), hash), "72 bytes are read whole");
            assertFalse(hasher.verify(new PlainPassword(LONG_PASSWORD.substring(0, 71)), hash));
        }
    }

    @Test
    void counts_the_72_bytes_of_bcrypt_in_utf_8_not_in_characters() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        // 37 two-byte characters are 74 bytes: refused before bcrypt would cut the last one in half.
        String accented = "é".repeat(37);
        PasswordHash hash = new PasswordHash("$2b$05$1zCQrt.GWwqSF3xVUaTudeLXDgYrYfm66cWlS2haBHQFtrqN17w0K");

        assertFalse(hasher.verify(new PlainPassword(accented), hash));
    }

    @Test
    void still_verifies_an_argon2id_hash_made_of_a_password_as_typed_before_passwords_were_normalised() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        String decomposed = "cafe\u0301 au lait"; // "café" with a combining accent, as some keyboards send it
        PasswordHash legacy = new PasswordHash(de.mkammerer.argon2.Argon2Factory.create(
                de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2id).hash(1, 1024, 1, decomposed.toCharArray(),
                java.nio.charset.StandardCharsets.UTF_8));

        assertTrue(hasher.verify(new PlainPassword(decomposed), legacy));
        assertFalse(hasher.verify(new PlainPassword("cafe au lait"), legacy));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$2b$",
        "$2b$10$",
        "$2b$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7db",
        "$2b$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbKK",
        "$2b$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7db!",
        "$2b$1x$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        "$2b$03$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        "$2b$99$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        // Valid, but 2^31 rounds would take days: refused rather than run.
        "$2b$31$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        // $2x$ is the buggy variant of old crypt_blowfish, and $2$ the original; neither comes from passlib or htpasswd.
        "$2x$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        "$2$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK",
        "$2c$10$abcdefghijklmnopqrstuu5Lo0g67CiD3M4RpN1BmBb4Crp5w7dbK"})
    void answers_false_for_a_malformed_or_unsupported_bcrypt_hash_without_throwing(String encoded) {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        PasswordHash hash = new PasswordHash(encoded);

        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> hasher.verify(new PlainPassword("password"), hash)));
        assertTrue(hasher.needsRehash(hash));
    }

    @Test
    void asks_to_rehash_an_argon2id_hash_made_with_other_parameters_but_not_its_own() {
        Argon2PasswordHasher owasp = new Argon2PasswordHasher(Argon2Parameters.OWASP);
        PlainPassword password = new PlainPassword("upgrade me");
        PasswordHash own = owasp.hash(password);

        assertFalse(owasp.needsRehash(own));
        assertTrue(owasp.needsRehash(new Argon2PasswordHasher(new Argon2Parameters(19456, 3, 1)).hash(password)), "other t");
        assertTrue(owasp.needsRehash(new Argon2PasswordHasher(new Argon2Parameters(19456, 2, 2)).hash(password)), "other p");
        assertTrue(owasp.needsRehash(new Argon2PasswordHasher(new Argon2Parameters(9728, 2, 1)).hash(password)), "other m");
        assertTrue(new Argon2PasswordHasher(CHEAP).needsRehash(own), "stronger than configured is still different");
    }

    @Test
    void asks_to_rehash_other_argon2_variants_versions_and_lengths() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);
        String own = hasher.hash(new PlainPassword("whatever")).encoded();

        assertFalse(hasher.needsRehash(new PasswordHash(own)));
        assertTrue(hasher.needsRehash(new PasswordHash(own.replace("$argon2id$", "$argon2i$"))));
        assertTrue(hasher.needsRehash(new PasswordHash(own.replace("$v=19$", "$v=16$"))));
        assertTrue(hasher.needsRehash(new PasswordHash(own.substring(0, own.length() - 1))), "shorter hash");
        assertTrue(hasher.needsRehash(new PasswordHash(own + "A")), "longer hash");
        assertTrue(hasher.needsRehash(new PasswordHash(own.replace("m=1024,", "m=01024,"))));
    }
}
