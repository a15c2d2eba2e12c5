package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.testing.SigningKeyRepositoryContract;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signing-key contract on a database, one fresh database per test; "another instance" is a second pool on
 * the same database. Plus what only a database can show: no private key in clear, and a row under another
 * key-encryption key or altered comes back public only. Each supported database runs it in a subclass.
 */
abstract class JpaSigningKeyRepositoryTests extends SigningKeyRepositoryContract {

    private static final byte[] KEY_MATERIAL = "a key-encryption key of at least 32 bytes".getBytes();
    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    /** Settings of a fresh, empty database of the kind under test. */
    abstract DatabaseSettings freshDatabase();

    @Override
    protected SigningKeyRepository newEmptyRepository() {
        settings = freshDatabase();
        database = databases.open(settings);
        return database.signingKeys(new SigningKeyEncryption(KEY_MATERIAL));
    }

    @Override
    protected SigningKeyRepository anotherInstanceOnTheSameStore() {
        return databases.open(settings).signingKeys(new SigningKeyEncryption(KEY_MATERIAL));
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void stores_no_private_key_in_clear() throws Exception {
        SigningKeyRepository keys = newEmptyRepository();
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, Instant.EPOCH, Instant.EPOCH);
        keys.add(key);

        byte[] pkcs8 = key.privateKey().orElseThrow().getEncoded();
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT private_key_encrypted, public_key FROM signing_keys")) {
            assertTrue(row.next());
            byte[] stored = Base64.getDecoder().decode(row.getString(1));
            assertFalse(contains(stored, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            assertArrayEquals(key.publicKey().getEncoded(), Base64.getDecoder().decode(row.getString(2)));
        }
    }

    @Test
    void a_key_under_another_encryption_key_or_altered_verifies_but_cannot_sign() throws Exception {
        SigningKeyRepository keys = newEmptyRepository();
        SigningKey first = SigningKey.generate(SigningAlgorithm.EdDSA, 1, Instant.EPOCH, Instant.EPOCH);
        SigningKey second = SigningKey.generate(SigningAlgorithm.RS256, 2, Instant.EPOCH, Instant.EPOCH);
        keys.add(first);
        keys.add(second);

        SigningKeyRepository otherKek = database.signingKeys(new SigningKeyEncryption("another key-encryption key, 32+ bytes".getBytes()));
        assertEquals(2, otherKek.findAll().size());
        assertTrue(otherKek.findAll().stream().noneMatch(SigningKey::canSign));
        assertArrayEquals(first.publicKey().getEncoded(), otherKek.findById(first.id()).orElseThrow().publicKey().getEncoded());

        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // Moves the first key's ciphertext to the second row: authenticated data ties it to its own row.
            statement.executeUpdate("UPDATE signing_keys SET private_key_encrypted = (SELECT private_key_encrypted"
                    + " FROM signing_keys WHERE generation = 1) WHERE generation = 2");
        }
        assertTrue(keys.findById(first.id()).orElseThrow().canSign());
        assertFalse(keys.findById(second.id()).orElseThrow().canSign());
    }

    @Test
    void a_key_under_an_older_key_of_the_ring_signs_and_is_rewritten_under_the_first_once() throws Exception {
        newEmptyRepository();
        SigningKeyEncryption old = new SigningKeyEncryption("the old key-encryption key, 32+ bytes".getBytes());
        SigningKeyEncryption ring = new SigningKeyEncryption(List.of("the new key-encryption key, 32+ bytes".getBytes(),
                "the old key-encryption key, 32+ bytes".getBytes()));
        SigningKeyRepository notYetUpgraded = database.signingKeys(old);
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, Instant.EPOCH, Instant.EPOCH);
        notYetUpgraded.add(key);
        assertEquals(old.keyId(), encryptionKeyIdOf(key));

        SigningKey read = database.signingKeys(ring).findAll().get(0);

        assertTrue(read.canSign(), "decrypted with the older key of the ring");
        assertEquals(ring.keyId(), encryptionKeyIdOf(key), "rewritten under the first key of the ring");
        assertTrue(database.signingKeys(ring).findById(key.id()).orElseThrow().canSign());
        assertTrue(notYetUpgraded.findAll().get(0).canSign(),
                "an instance that created (or once read) the key keeps it although it lacks the new key-encryption key");
        assertFalse(database.signingKeys(old).findAll().get(0).canSign(), "a fresh instance without the new key cannot sign");
    }

    @Test
    void two_instances_whose_rings_start_with_different_keys_rewrite_a_row_at_most_once_each() throws Exception {
        newEmptyRepository();
        byte[] one = "key-encryption key number one, 32+ bytes".getBytes();
        byte[] two = "key-encryption key number two, 32+ bytes".getBytes();
        SigningKeyRepository first = database.signingKeys(new SigningKeyEncryption(List.of(one, two)));
        SigningKeyRepository second = database.signingKeys(new SigningKeyEncryption(List.of(two, one)));
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, 1, Instant.EPOCH, Instant.EPOCH);
        first.add(key);

        List<String> seen = new ArrayList<>(List.of(encryptionKeyIdOf(key)));
        for (int round = 0; round < 10; round++) {
            assertTrue(second.findAll().get(0).canSign());
            seen.add(encryptionKeyIdOf(key));
            assertTrue(first.findById(key.id()).orElseThrow().canSign());
            seen.add(encryptionKeyIdOf(key));
        }

        long rewrites = java.util.stream.IntStream.range(1, seen.size()).filter(i -> !seen.get(i).equals(seen.get(i - 1))).count();
        assertTrue(rewrites <= 2, "the row was rewritten " + rewrites + " times: " + seen);
    }

    private String encryptionKeyIdOf(SigningKey key) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT encryption_key_id FROM signing_keys WHERE kid = ?")) {
            statement.setString(1, key.id().value());
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
