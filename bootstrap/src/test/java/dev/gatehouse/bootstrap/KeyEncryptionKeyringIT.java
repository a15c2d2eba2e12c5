package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.SigningKeyEncryption;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A key-encryption key change rolled out one instance at a time: on one PostgreSQL, one instance already has the
 * keyring {@code new,old}, the other still only {@code old}. Neither may answer 503, and the keys must not multiply
 * (before keyrings, the two would replace each other's unreadable key at every rotation check).
 */
class KeyEncryptionKeyringIT {

    private static final String OLD = "the old key-encryption key of 32 bytes or more";
    private static final String NEW = "the new key-encryption key of 32 bytes or more";
    private static final String PASSWORD = "correct horse battery";

    @Test
    void two_instances_with_different_keyrings_never_answer_503_and_do_not_multiply_keys() throws Exception {
        DatabaseSettings database = TestDatabases.freshPostgres();
        GatehouseSettings notYetUpgraded = settings(OLD, database);
        GatehouseSettings upgraded = settings(NEW + "," + OLD, database);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (Gatehouse old = Gatehouse.start(notYetUpgraded, Clock.systemUTC());
             Gatehouse current = Gatehouse.start(upgraded, Clock.systemUTC())) {
            assertEquals(201, new TestHttp(old.port()).register("jane", PASSWORD).statusCode());
            List<Gatehouse> instances = List.of(old, current);
            exchange(instances, statuses, 10);
            assertEquals(List.of(keyId(NEW)), encryptionKeyIds(database), "the upgraded instance re-encrypted the key it read");

            // The upgraded instance's next key, stored under the new key-encryption key, signs at once: the other
            // instance cannot read it, keeps signing with the key it holds, and its next check creates one it can
            // read (at once), which the upgraded instance can read too.
            List<SigningKey> before = current.ports().signingKeys().findAll();
            Instant now = Instant.now();
            current.ports().signingKeys().add(SigningKey.generate(SigningAlgorithm.RS256,
                    before.get(before.size() - 1).generation() + 1, now, now));
            exchange(instances, statuses, 10);
            for (int check = 0; check < 5; check++) {
                for (Gatehouse instance : instances) {
                    rotation(instance, instance == old ? notYetUpgraded : upgraded).rotate();
                }
                exchange(instances, statuses, 4);
            }

            assertEquals(3, current.ports().signingKeys().findAll().size(),
                    "the first key, the upgraded instance's, and one the other instance can read; then no more");
        }
        System.out.println("KeyEncryptionKeyringIT: answers by status " + statuses);
        assertEquals(List.of(200), List.copyOf(statuses.keySet()), "every login and every /users/me answered 200: " + statuses);
    }

    /** Logs in on each instance and asks /users/me on each with every token: no answer may be 503. */
    private static void exchange(List<Gatehouse> instances, Map<Integer, Integer> statuses, int rounds) throws InterruptedException {
        for (int round = 0; round < rounds; round++) {
            List<String> tokens = new ArrayList<>();
            for (Gatehouse instance : instances) {
                HttpResponse<String> login = new TestHttp(instance.port()).logIn("jane", PASSWORD);
                statuses.merge(login.statusCode(), 1, Integer::sum);
                if (login.statusCode() == 200) {
                    tokens.add(TestHttp.accessToken(login));
                }
            }
            for (String token : tokens) {
                for (Gatehouse instance : instances) {
                    // A key created elsewhere a moment ago is known here after a re-read (at most every 5 s).
                    HttpResponse<String> me = new TestHttp(instance.port()).me(token);
                    for (int retry = 0; me.statusCode() == 401 && retry < 30; retry++) {
                        Thread.sleep(200);
                        me = new TestHttp(instance.port()).me(token);
                    }
                    statuses.merge(me.statusCode(), 1, Integer::sum);
                }
            }
        }
    }

    private static RotateSigningKeysService rotation(Gatehouse instance, GatehouseSettings settings) {
        return new RotateSigningKeysService(instance.ports().signingKeys(), DrivenAdapters.keyRotation(settings).orElseThrow(),
                SigningAlgorithm.RS256, instance.ports().auditLog(), Clock.systemUTC());
    }

    private static GatehouseSettings settings(String keyring, DatabaseSettings database) {
        return GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_KEY_ENCRYPTION_KEY", keyring,
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(database);
    }

    private static String keyId(String keyEncryptionKey) {
        return new SigningKeyEncryption(keyEncryptionKey.getBytes(StandardCharsets.UTF_8)).keyId();
    }

    private static List<String> encryptionKeyIds(DatabaseSettings database) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Database open = Database.open(database); Connection connection = open.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT encryption_key_id FROM signing_keys ORDER BY generation")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
