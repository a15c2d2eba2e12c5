package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.adapter.out.redis.TestRedis;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Gatehouse instances on one PostgreSQL and one Redis ({@code GATEHOUSE_REDIS_URL}), as behind a load balancer:
 * the login throttle and the revoked access tokens live on Redis, not in the database, and hold across both instances
 * as they do on PostgreSQL alone; with Redis gone, logins fail closed with a 503 and the token check follows after the
 * stale-read allowance.
 */
class RedisInstancesIT {

    private static final String PASSWORD = "correct horse battery";

    private static GatehouseSettings settings(DatabaseSettings database, String redisUrl, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_REDIS_URL", redisUrl,
                // The backoff's allowance is one guess per minute here, so a burst slowed by a busy machine still has one.
                "GATEHOUSE_LOGIN_BACKOFF_FIRST", "60s",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "4096",
                "GATEHOUSE_ARGON2_ITERATIONS", "2"));
        values.putAll(more);
        return GatehouseSettings.from(SettingSource.of(RequestBudgets.off(values))).withDatabase(database);
    }

    static List<Arguments> databases() {
        return List.of(
                Arguments.of("PostgreSQL", (Supplier<DatabaseSettings>) TestDatabases::freshPostgres),
                Arguments.of("H2", (Supplier<DatabaseSettings>) TestDatabases::freshH2));
    }

    /** The same attack as {@link ParallelGuessesIT}, with the throttle on Redis: one guess of fifty is verified. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void of_fifty_parallel_wrong_guesses_on_two_instances_one_is_verified_and_the_database_counts_none(
            String name, Supplier<DatabaseSettings> freshDatabase) throws Exception {
        DatabaseSettings database = freshDatabase.get();
        GatehouseSettings settings = settings(database, TestRedis.fresh().url().toString(), Map.of());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(201, new TestHttp(first.port()).register("jane", PASSWORD).statusCode());

            List<HttpResponse<String>> answers = simultaneously(50,
                    i -> new TestHttp((i % 2 == 0 ? first : second).port()).logIn("jane", "guess number " + i));

            long verified = answers.stream().filter(answer -> answer.headers().firstValue("Retry-After").isEmpty()).count();
            assertEquals(50, answers.stream().filter(answer -> answer.statusCode() == 401).count(), () -> answers.stream()
                    .filter(answer -> answer.statusCode() != 401).map(answer -> answer.statusCode() + " " + answer.body()).toList().toString());
            assertEquals(1, verified, "guesses verified (answered without Retry-After)");
            HttpResponse<String> owner = new TestHttp(second.port()).logIn("jane", PASSWORD);
            assertEquals(401, owner.statusCode(), "the account's backoff holds on the other instance too");
            assertTrue(owner.headers().firstValue("Retry-After").isPresent());
            assertEquals(0, rows(database, "login_throttle"), "the throttle wrote nothing to the database");
        }
    }

    @Test
    void a_token_revoked_on_one_instance_is_refused_by_the_other_within_a_second() throws Exception {
        DatabaseSettings database = TestDatabases.freshPostgres();
        GatehouseSettings settings = settings(database, TestRedis.fresh().url().toString(), Map.of());
        try (Gatehouse first = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse second = Gatehouse.start(settings, Clock.systemUTC())) {
            assertEquals(201, new TestHttp(first.port()).register("jane", PASSWORD).statusCode());
            String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
            String other = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
            // The other instance has looked at its list already: the revocation must reach a view it holds.
            assertEquals(200, new TestHttp(second.port()).me(token).statusCode());

            assertEquals(200, new TestHttp(first.port()).revoke(token).statusCode());
            long revokedAt = System.nanoTime();

            assertEquals(401, new TestHttp(first.port()).me(token).statusCode(), "refused at once where it was revoked");
            HttpResponse<String> me = new TestHttp(second.port()).me(token);
            while (me.statusCode() == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos()) {
                Thread.sleep(20);
                me = new TestHttp(second.port()).me(token);
            }
            long tookMillis = (System.nanoTime() - revokedAt) / 1_000_000;
            System.out.printf("RedisInstancesIT: the revocation reached the other instance in %d ms%n", tookMillis);
            assertEquals(401, me.statusCode(), me.body());
            assertTrue(tookMillis < 2_000, "the other instance reads the list at most a second apart, took " + tookMillis + " ms");
            assertEquals(200, new TestHttp(second.port()).me(other).statusCode(), "only the revoked token is refused");
            assertEquals(0, rows(database, "revoked_access_tokens"), "the revocation wrote nothing to that table");
        }
    }

    @Test
    void with_redis_gone_logins_answer_503_and_the_token_check_follows_after_the_stale_read_allowance() throws Exception {
        DatabaseSettings database = TestDatabases.freshPostgres();
        try (TestRedis.Server redis = TestRedis.privateServer()) {
            GatehouseSettings settings = settings(database, redis.settings().url().toString(), Map.of("GATEHOUSE_STALE_READS", "1s"));
            try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
                TestHttp http = new TestHttp(gatehouse.port());
                assertEquals(201, http.register("jane", PASSWORD).statusCode());
                String token = TestHttp.accessToken(http.logIn("jane", PASSWORD));
                assertEquals(200, http.me(token).statusCode());

                redis.stop();

                for (String password : List.of("a wrong guess", PASSWORD)) {
                    HttpResponse<String> login = http.logIn("jane", password);
                    assertEquals(503, login.statusCode(), login.body());
                    assertEquals("{\"detail\":\"Service temporarily unavailable\"}", login.body());
                    assertTrue(login.headers().firstValue("Retry-After").isPresent());
                }
                assertEquals(200, http.me(token).statusCode(), "within the allowance the list known is still used");
                Thread.sleep(1_500);
                HttpResponse<String> me = http.me(token);
                assertEquals(503, me.statusCode(), "past it no token passes an unchecked list: " + me.body());
                assertEquals("{\"detail\":\"Service temporarily unavailable\"}", me.body());
                HttpResponse<String> ready = new TestHttp(gatehouse.adminPort()).get("/health/ready");
                assertEquals(503, ready.statusCode());
                assertTrue(ready.body().contains("{\"name\":\"database\",\"status\":\"UP\"}")
                        && ready.body().contains("{\"name\":\"redis\",\"status\":\"DOWN\"}"), "readiness names what is down: " + ready.body());
            }
        }
    }

    private static long rows(DatabaseSettings database, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
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
