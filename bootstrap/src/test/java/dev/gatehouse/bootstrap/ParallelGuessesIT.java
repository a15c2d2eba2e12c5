package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The throttle attacked as issue 15 found it: 50 wrong passwords for one account sent at once, half to each of two
 * instances on one database. The check used to read the counters, hash, and count afterwards, so every guess was
 * verified. Now one is: the others are refused as throttled (a 401 with {@code Retry-After}) without hashing.
 */
class ParallelGuessesIT {

    private static final String PASSWORD = "correct horse battery";

    static List<Arguments> databases() {
        return List.of(
                Arguments.of("H2", (Supplier<DatabaseSettings>) TestDatabases::freshH2),
                Arguments.of("PostgreSQL", (Supplier<DatabaseSettings>) TestDatabases::freshPostgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void of_fifty_parallel_wrong_guesses_on_two_instances_one_is_verified(String name, Supplier<DatabaseSettings> database)
            throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                // The backoff's allowance is one guess per minute here, so a burst slowed by a busy machine still has one.
                "GATEHOUSE_LOGIN_BACKOFF_FIRST", "60s",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "4096",
                "GATEHOUSE_ARGON2_ITERATIONS", "2")))).withDatabase(database.get());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(201, new TestHttp(first.port()).register("jane", PASSWORD).statusCode());

            List<HttpResponse<String>> answers = simultaneously(50,
                    i -> new TestHttp((i % 2 == 0 ? first : second).port()).logIn("jane", "guess number " + i));

            long verified = answers.stream().filter(answer -> answer.headers().firstValue("Retry-After").isEmpty()).count();
            assertEquals(50, answers.stream().filter(answer -> answer.statusCode() == 401).count());
            assertEquals(1, verified, "guesses verified (answered without Retry-After)");
        }
    }

    private interface Attempt {
        HttpResponse<String> send(int index);
    }

    private static List<HttpResponse<String>> simultaneously(int count, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.send(index);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
