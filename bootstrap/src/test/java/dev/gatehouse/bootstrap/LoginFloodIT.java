package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A flood of 1,000 concurrent logins with the right password (so no throttle helps) against real argon2id at
 * OWASP's parameters: hashing stays bounded, the excess is turned away with 503 and Retry-After at once, the
 * process's memory stays bounded, and the service answers normally afterwards.
 */
class LoginFloodIT {

    private static final int REQUESTS = 1_000;
    private static final int ACCOUNTS = 50;
    /** Argon2 holds maxConcurrent x 19 MiB at most; the rest is 1,000 connections, their buffers and the JIT. */
    private static final long MAX_RSS_GROWTH_MIB = 400;

    @Test
    void turns_away_what_it_cannot_hash_and_keeps_answering() throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "flood-test-secret-of-at-least-32-bytes!!",
                "GATEHOUSE_PORT", "0")))).withDatabase(TestDatabases.freshPostgres());
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            DemoUsers.seed(gatehouse.ports().users(), gatehouse.ports().passwordHasher(), Clock.systemUTC());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            // The flood spreads over many accounts, as a real one does: one account's logins verify one at a time, so
            // a flood of a single account would wait its turn (and be throttled) rather than fill the hashing slots.
            for (int i = 0; i < ACCOUNTS; i++) {
                gatehouse.ports().users().add(User.register(new Username("flood" + i),
                        gatehouse.ports().passwordHasher().hash(new PlainPassword("secret")), null, null, Instant.now()));
            }
            HttpRequest login = loginOf("johndoe", gatehouse.port());
            assertEquals(200, http.send(login, HttpResponse.BodyHandlers.ofString()).statusCode());
            long rssBefore = residentMib();

            Map<Integer, Integer> statuses = new TreeMap<>();
            int missingRetryAfter = 0;
            long started = System.nanoTime();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    HttpRequest each = loginOf("flood" + (i % ACCOUNTS), gatehouse.port());
                    answers.add(clients.submit(() -> {
                        go.await();
                        return http.send(each, HttpResponse.BodyHandlers.ofString());
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() != 200 && response.headers().firstValue("Retry-After").isEmpty()) {
                        missingRetryAfter++;
                    }
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long rssAfter = residentMib();
            System.out.printf("LoginFloodIT: %d concurrent logins in %d s -> %s; RSS %d MiB before, %d MiB after (hashing capacity %s)%n",
                    REQUESTS, seconds, statuses, rssBefore, rssAfter, settings.passwords().hashing());

            // 503: no hashing slot; 401 with Retry-After: an account's turn was not free in time (throttled).
            assertEquals(REQUESTS, statuses.getOrDefault(200, 0) + statuses.getOrDefault(503, 0) + statuses.getOrDefault(401, 0),
                    "only 200, 503 and throttled 401: " + statuses);
            assertTrue(statuses.getOrDefault(503, 0) > 0, "flood control should have turned some away: " + statuses);
            assertTrue(statuses.getOrDefault(200, 0) >= settings.passwords().hashing().maxConcurrent(), "some logins got through: " + statuses);
            assertEquals(0, missingRetryAfter, "every refusal says when to retry");
            assertTrue(rssAfter - rssBefore < MAX_RSS_GROWTH_MIB, "RSS grew " + (rssAfter - rssBefore) + " MiB");
            assertEquals(200, http.send(login, HttpResponse.BodyHandlers.ofString()).statusCode(), "answers normally afterwards");
        }
    }

    private static long residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static HttpRequest loginOf(String username, int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=secret"))
                .build();
    }
}
