package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashes brought by an import: passlib's pbkdf2 and argon2 hashes and Keycloak's credentials verify with the
 * passwords they were made of, and an import of a hash whose cost is out of bounds is refused before any login
 * could spend that cost. The vectors in {@code imported-hashes/} were made outside this code base, by passlib 1.7.4
 * and argon2-cffi 25.1.0 ({@code make_vectors.py} beside them says how); the rest is computed here with the JDK's
 * own PBKDF2 (SecretKeyFactory), independent of the verifier's.
 */
class ImportedHashesTest {

    private static final Argon2PasswordHasher HASHER = new Argon2PasswordHasher(new Argon2Parameters(1024, 1, 1));
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> passlibVectors() throws IOException {
        return vectors("passlib-vectors.tsv").stream().map(line -> Arguments.of(line[0], line[1]));
    }

    static Stream<Arguments> keycloakVectors() throws IOException {
        return vectors("keycloak-vectors.tsv").stream().map(line -> Arguments.of(line[0], line[1], line[2]));
    }

    @ParameterizedTest
    @MethodSource("passlibVectors")
    void verifies_passlib_hashes_with_their_password_and_asks_for_a_rehash(String password, String encoded) {
        PasswordHash hash = new PasswordHash(encoded);

        assertEquals(Optional.empty(), HASHER.importRefusal(hash));
        assertTrue(HASHER.verify(new PlainPassword(password), hash), encoded);
        assertFalse(HASHER.verify(new PlainPassword(password + "x"), hash), encoded);
        assertTrue(HASHER.needsRehash(hash));
    }

    @ParameterizedTest
    @MethodSource("keycloakVectors")
    void verifies_keycloak_credentials_in_the_form_the_import_stores(String password, String secretData, String credentialData) {
        PasswordHash hash = new PasswordHash(keycloakForm(secretData, credentialData));

        assertEquals(Optional.empty(), HASHER.importRefusal(hash));
        assertTrue(HASHER.verify(new PlainPassword(password), hash), hash.encoded());
        assertFalse(HASHER.verify(new PlainPassword("not " + password), hash), hash.encoded());
        assertTrue(HASHER.needsRehash(hash));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512", "PBKDF2WithHmacSHA1"})
    void verifies_pbkdf2_computed_by_the_jdk_in_passlibs_adapted_base64(String algorithm) throws Exception {
        String password = "ünïcode and spaces +/.";
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        int length = switch (algorithm) {
            case "PBKDF2WithHmacSHA256" -> 32;
            case "PBKDF2WithHmacSHA512" -> 64;
            default -> 20;
        };
        byte[] derived = SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1234, length * 8)).getEncoded();
        String scheme = switch (algorithm) {
            case "PBKDF2WithHmacSHA256" -> "pbkdf2-sha256";
            case "PBKDF2WithHmacSHA512" -> "pbkdf2-sha512";
            default -> "pbkdf2";
        };
        PasswordHash hash = new PasswordHash("$" + scheme + "$1234$" + ab64(salt) + "$" + ab64(derived));

        assertTrue(HASHER.verify(new PlainPassword(password), hash), hash.encoded());
        assertFalse(HASHER.verify(new PlainPassword(password.toUpperCase()), hash));
    }

    @Test
    void a_keycloak_sha256_key_of_512_bits_verifies_too() throws Exception {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("longer key".toCharArray(), salt, 1000, 512)).getEncoded();

        assertTrue(HASHER.verify(new PlainPassword("longer key"),
                new PasswordHash("$pbkdf2-sha256$1000$" + ab64(salt) + "$" + ab64(derived))));
    }

    @Test
    void refuses_to_import_pbkdf2_above_the_round_bound_and_never_spends_those_rounds() {
        String salt = ab64(new byte[16]);
        String hash = ab64(new byte[32]);
        PasswordHash huge = new PasswordHash("$pbkdf2-sha256$1000000000$" + salt + "$" + hash);
        PasswordHash justAbove = new PasswordHash("$pbkdf2-sha256$" + (Pbkdf2Verifier.MAX_BLOCK_ROUNDS + 1) + "$" + salt + "$" + hash);
        // Two blocks of SHA-256 for a 64-byte key: half the rounds already cost the bound.
        PasswordHash twoBlocks = new PasswordHash("$pbkdf2-sha256$" + (Pbkdf2Verifier.MAX_BLOCK_ROUNDS / 2 + 1) + "$" + salt + "$"
                + ab64(new byte[64]));

        assertTrue(HASHER.importRefusal(huge).orElseThrow().contains("rounds"), HASHER.importRefusal(huge).toString());
        assertTrue(HASHER.importRefusal(justAbove).isPresent());
        assertTrue(HASHER.importRefusal(twoBlocks).isPresent());
        // Stored anyway (written into the database by hand): a login is refused at once instead of computing.
        assertTimeoutPreemptively(Duration.ofMillis(200), () -> assertFalse(HASHER.verify(new PlainPassword("x"), huge)));
    }

    @Test
    void refuses_to_import_argon2_above_the_memory_passes_or_lanes_bound() {
        String saltAndHash = "$" + b64(new byte[16]) + "$" + b64(new byte[32]);

        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=19$m=65536,t=3,p=4" + saltAndHash)).isEmpty());
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=19$m=65537,t=3,p=4" + saltAndHash)).orElseThrow()
                .contains("memory"));
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=19$m=4194304,t=1,p=1" + saltAndHash)).isPresent());
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=19$m=7168,t=11,p=1" + saltAndHash)).isPresent());
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=19$m=7168,t=5,p=17" + saltAndHash)).isPresent());
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2id$v=16$m=7168,t=5,p=1" + saltAndHash)).isPresent());
        assertTrue(HASHER.importRefusal(new PasswordHash("$argon2i$v=19$m=7168,t=5,p=1" + saltAndHash)).isPresent());
        // A hasher configured above 64 MiB admits what it makes itself.
        Argon2PasswordHasher bigger = new Argon2PasswordHasher(new Argon2Parameters(131_072, 1, 1));
        assertTrue(bigger.importRefusal(new PasswordHash("$argon2id$v=19$m=131072,t=1,p=1" + saltAndHash)).isEmpty());
    }

    @Test
    void refuses_to_import_bcrypt_above_cost_14_and_malformed_or_unknown_hashes() {
        String body = "$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

        assertTrue(HASHER.importRefusal(new PasswordHash("$2b$12" + body)).isEmpty());
        assertTrue(HASHER.importRefusal(new PasswordHash("$2b$15" + body)).isPresent());
        assertTrue(HASHER.importRefusal(new PasswordHash("$2b$31" + body)).isPresent());
        for (String malformed : List.of("$pbkdf2-sha256$29000$salt", "$pbkdf2-sha256$0$abc$" + ab64(new byte[32]),
                "$pbkdf2-sha256$29000$" + ab64(new byte[16]) + "$" + ab64(new byte[8]), "$pbkdf2-md5$1000$abc$def",
                "$argon2id$v=19$m=7168,t=5,p=1$short$hash", "$1$saltsalt$md5cryptmd5cryptmd5cry", "$directory$root",
                "$2b$12$tooshort")) {
            assertTrue(HASHER.importRefusal(new PasswordHash(malformed)).isPresent(), malformed);
            assertFalse(HASHER.verify(new PlainPassword("anything"), new PasswordHash(malformed)), malformed);
        }
    }

    /** The form the import stores a Keycloak credential in, converted here independently of the importer. */
    static String keycloakForm(String secretData, String credentialData) {
        String value = field(secretData, "value");
        String salt = field(secretData, "salt");
        String algorithm = field(credentialData, "algorithm");
        String iterations = number(credentialData, "hashIterations");
        if (algorithm.equals("argon2")) {
            String memory = field(credentialData, "memory");
            String parallelism = field(credentialData, "parallelism");
            return "$argon2id$v=19$m=" + memory + ",t=" + iterations + ",p=" + parallelism + "$"
                    + b64(Base64.getDecoder().decode(salt)) + "$" + b64(Base64.getDecoder().decode(value));
        }
        return "$" + algorithm + "$" + iterations + "$" + ab64(Base64.getDecoder().decode(salt)) + "$"
                + ab64(Base64.getDecoder().decode(value));
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\\[?\"([^\"]*)\"").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return matcher.group(1);
    }

    private static String number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":([0-9]+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return matcher.group(1);
    }

    /** passlib's adapted base64, written out here: standard base64 with '.' for '+', no padding. */
    static String ab64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '.');
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String[]> vectors(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ImportedHashesTest.class.getResourceAsStream("/imported-hashes/" + name), StandardCharsets.UTF_8))) {
            List<String[]> lines = reader.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("\t")).toList();
            assertFalse(lines.isEmpty(), name);
            return lines;
        }
    }
}
