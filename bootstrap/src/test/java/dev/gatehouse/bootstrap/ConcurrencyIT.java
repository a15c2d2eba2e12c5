package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients at once on one account, over HTTP on PostgreSQL: the database, not luck, keeps the answers right. */
class ConcurrencyIT {

    private static final String PASSWORD = "correct horse battery";
    private final DatabaseSettings database = TestDatabases.freshPostgres();

    @Test
    void of_100_simultaneous_registrations_of_one_username_exactly_one_wins_and_none_fails() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(settings("1024"), Clock.systemUTC())) {
            TestHttp client = new TestHttp(gatehouse.port());

            Map<Integer, Integer> statuses = simultaneously(100,
                    i -> () -> client.register(i % 2 == 0 ? "racer" : "RACER", PASSWORD + i));

            assertEquals(Map.of(201, 1, 409, 99), statuses);
        }
    }

    @Test
    void fifty_simultaneous_logins_with_a_rehash_pending_all_succeed_and_leave_one_current_hash() throws Exception {
        try (Gatehouse before = Gatehouse.start(settings("1024"), Clock.systemUTC())) {
            assertEquals(201, new TestHttp(before.port()).register("jane", PASSWORD).statusCode());
        }
        try (Gatehouse after = Gatehouse.start(settings("2048"), Clock.systemUTC())) {
            TestHttp client = new TestHttp(after.port());

            Map<Integer, Integer> statuses = simultaneously(50, i -> () -> client.logIn("jane", PASSWORD));

            assertEquals(Map.of(200, 50), statuses);
            PasswordHash stored = after.ports().users().findByUsername(new Username("jane")).orElseThrow().passwordHash();
            assertTrue(stored.encoded().startsWith("$argon2id$v=19$m=2048,t=1,p=1$"), stored.toString());
            assertTrue(after.ports().passwordHasher().verify(new PlainPassword(PASSWORD), stored));
            assertEquals(200, client.logIn("jane", PASSWORD).statusCode());
        }
    }

    /** Starts all calls at once on virtual threads and counts the answers by status. */
    private static Map<Integer, Integer> simultaneously(int count, java.util.function.IntFunction<Callable<HttpResponse<String>>> call)
            throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<HttpResponse<String>> one = call.apply(i);
                answers.add(clients.submit(() -> {
                    go.await();
                    return one.call();
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.merge(answer.get().statusCode(), 1, Integer::sum);
            }
        }
        return statuses;
    }

    /** Cheap argon2 (the cost is what changes between runs), and room for every request to wait its turn. */
    private GatehouseSettings settings(String memoryKiB) {
        return GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "concurrency-test-secret-of-at-least-32-bytes",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", memoryKiB,
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_HASH_MAX_WAITING", "200",
                "GATEHOUSE_HASH_MAX_WAIT", "60s")))).withDatabase(database);
    }
}
