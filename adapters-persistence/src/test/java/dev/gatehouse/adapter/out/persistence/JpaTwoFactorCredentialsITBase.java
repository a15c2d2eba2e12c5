package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.application.testing.TwoFactorCredentialsContract;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.TotpSecret;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second-factor contract on one vendor, each test on a fresh database, the races across two instances (two
 * databases opened on one storage), plus what only a database adapter can show: the secret is encrypted at rest
 * under a key of its own purpose.
 */
abstract class JpaTwoFactorCredentialsITBase extends TwoFactorCredentialsContract {

    private static final byte[] KEY_MATERIAL = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected Stores newEmptyStores() {
        settings = freshSettings();
        database = databases.open(settings);
        return new Stores(database.twoFactorCredentials(SigningKeyEncryption.forTwoFactorSecrets(List.of(KEY_MATERIAL))),
                database.users());
    }

    @Override
    protected TwoFactorCredentials anotherInstance() {
        return databases.open(settings).twoFactorCredentials(SigningKeyEncryption.forTwoFactorSecrets(List.of(KEY_MATERIAL)));
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void the_secret_is_stored_encrypted_and_opens_only_under_its_own_purposes_key() throws Exception {
        User ann = User.register(new Username("ann"), new PasswordHash("$test$ann"), null, null, T0);
        database.users().add(ann);
        TotpSecret secret = aSecret();
        TwoFactorEnrolment pending = TwoFactorEnrolment.start(ann.id(), secret, T0);
        database.twoFactorCredentials(SigningKeyEncryption.forTwoFactorSecrets(List.of(KEY_MATERIAL))).startEnrolment(pending);

        byte[] stored;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT secret FROM two_factor_credentials WHERE user_id = ?")) {
            select.setObject(1, ann.id().value());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                stored = Base64.getDecoder().decode(row.getString(1));
            }
        }
        assertFalse(contains(stored, secret.bytes()), "the secret's bytes are not in the row");
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret.base32()));
        // The signing keys' encryption from the same material is another key: it does not open the secret.
        assertEquals(Optional.empty(), database.twoFactorCredentials(new SigningKeyEncryption(List.of(KEY_MATERIAL))).find(ann.id()));
        assertEquals(Optional.of(pending),
                database.twoFactorCredentials(SigningKeyEncryption.forTwoFactorSecrets(List.of(KEY_MATERIAL))).find(ann.id()));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
