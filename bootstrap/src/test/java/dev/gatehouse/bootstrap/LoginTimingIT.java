package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response time must not tell an attacker whether an account exists: a wrong password, an unknown user, a
 * disabled account and a throttled attempt are answered alike in status, body and time. Real argon2id at
 * OWASP's parameters, real PostgreSQL, over HTTP. Attempts are interleaved at random, and the clock is moved
 * two hours between attempts so that no earlier failure throttles the next one (except where it should).
 *
 * <p>A leak of the size that matters (an unknown user skipping its verification: a few ms against ~40 ms)
 * separates the samples completely (KS distance near 1); the limits below leave room for a loaded machine.
 */
class LoginTimingIT {

    private enum Path { WRONG_PASSWORD, UNKNOWN_USER, DISABLED_USER, THROTTLED }

    private static final int SAMPLES = 80;
    // Leaks worth catching separate the samples almost completely (D near 1); noise on a loaded 2-core machine
    // has produced D up to about 0.25 between paths that cost the same.
    private static final double MAX_KS_DISTANCE = 0.45;
    private static final double MAX_SUPERIORITY_SKEW = 0.2;

    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static Gatehouse gatehouse;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "timing-test-secret-of-at-least-32-bytes!",
                "GATEHOUSE_PORT", "0")))).withDatabase(TestDatabases.freshPostgres());
        gatehouse = Gatehouse.start(settings, CLOCK);
        DemoUsers.seed(gatehouse.ports().users(), gatehouse.ports().passwordHasher(), CLOCK);
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @Test
    void every_failure_path_takes_the_same_time() throws Exception {
        User alice = gatehouse.ports().users().findByUsername(new Username("alice")).orElseThrow();
        assertTrue(alice.isDisabled(), "alice is the disabled demo user");
        for (int warmUp = 0; warmUp < 10; warmUp++) {
            for (Path path : Path.values()) {
                attempt(path, warmUp);
            }
        }

        List<Path> order = new ArrayList<>();
        for (Path path : Path.values()) {
            order.addAll(Collections.nCopies(SAMPLES, path));
        }
        Collections.shuffle(order, new Random(20261122));
        Map<Path, long[]> samples = new EnumMap<>(Path.class);
        Map<Path, Integer> taken = new EnumMap<>(Path.class);
        for (Path path : Path.values()) {
            samples.put(path, new long[SAMPLES]);
            taken.put(path, 0);
        }
        for (int i = 0; i < order.size(); i++) {
            Path path = order.get(i);
            int n = taken.merge(path, 1, Integer::sum) - 1;
            samples.get(path)[n] = attempt(path, i);
        }

        long[] reference = samples.get(Path.WRONG_PASSWORD);
        StringBuilder report = new StringBuilder("LoginTimingIT (microseconds; vs wrong password):\n");
        report.append(String.format("  %-15s median %7d%n", Path.WRONG_PASSWORD, TimingStatistics.median(reference) / 1000));
        List<String> separated = new ArrayList<>();
        for (Path path : List.of(Path.UNKNOWN_USER, Path.DISABLED_USER, Path.THROTTLED)) {
            long[] other = samples.get(path);
            double distance = TimingStatistics.kolmogorovSmirnov(reference, other);
            double superiority = TimingStatistics.probabilityOfSuperiority(other, reference);
            report.append(String.format("  %-15s median %7d  KS D %.3f  P(slower) %.3f%n",
                    path, TimingStatistics.median(other) / 1000, distance, superiority));
            if (distance > MAX_KS_DISTANCE || Math.abs(superiority - 0.5) > MAX_SUPERIORITY_SKEW) {
                separated.add(path.name());
            }
        }
        System.out.print(report);
        assertTrue(separated.isEmpty(), "timing separates " + separated + " from a wrong password:\n" + report);
    }

    /** One login on the given path; answers its duration in nanoseconds after checking the answer. */
    private long attempt(Path path, int i) throws Exception {
        CLOCK.advance(Duration.ofHours(2));
        String body = switch (path) {
            case WRONG_PASSWORD -> "username=johndoe&password=wrong-" + i;
            case UNKNOWN_USER -> "username=ghost" + i + "&password=wrong-" + i;
            case DISABLED_USER -> "username=alice&password=secret2";
            case THROTTLED -> {
                send("username=throttled" + i + "&password=first-guess");
                yield "username=throttled" + i + "&password=second-guess";
            }
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        assertEquals(401, response.statusCode(), path + ": " + response.body());
        assertEquals(path == Path.THROTTLED, response.headers().firstValue("Retry-After").isPresent(), path.name());
        return elapsed;
    }

    private void send(String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
