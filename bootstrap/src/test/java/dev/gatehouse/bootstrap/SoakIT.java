package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak (heavy profile: {@code -Pheavy}; 3 minutes by default, {@code -Dsoak.minutes=10} for the full
 * run): mixed traffic against the real jar on PostgreSQL while the process's RSS and open file descriptors
 * are sampled. After warm-up neither may trend upwards, and no request may fail with a 5xx.
 */
class SoakIT {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "correct horse battery";

    @Test
    void memory_and_descriptors_stay_flat_under_mixed_traffic(@TempDir Path workDir) throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 3));
        DatabaseSettings database = TestDatabases.freshPostgres();
        int port = GatehouseProcess.freePort();
        Path log = workDir.resolve("gatehouse.log");
        // Every client shares 127.0.0.1: keep the per-client budget out of the way of this traffic mix.
        Process gatehouse = GatehouseProcess.start(database, port, RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "soak-test-secret-of-at-least-32-bytes!!!",
                "GATEHOUSE_LOGIN_CLIENT_MAX_FAILURES", "1000000")), log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<long[]> samples = new ArrayList<>(); // {seconds, rss KiB, open fds}
        AtomicBoolean running = new AtomicBoolean(true);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            GatehouseProcess.awaitReady(http, port, gatehouse, log);
            for (int c = 0; c < 6; c++) {
                int client = c;
                clients.submit(() -> traffic(http, port, client, running, statuses));
            }
            long started = System.nanoTime();
            while (System.nanoTime() - started < length.toNanos()) {
                Thread.sleep(5_000);
                samples.add(new long[] {(System.nanoTime() - started) / 1_000_000_000L, residentKib(gatehouse.pid()), openFds(gatehouse.pid())});
            }
            running.set(false);
        } finally {
            gatehouse.destroy();
            gatehouse.waitFor(20, TimeUnit.SECONDS);
        }

        // Ignore the first third (JIT, pools and caches filling); compare the middle third with the last.
        int third = samples.size() / 3;
        double rssMiddle = mean(samples.subList(third, 2 * third), 1) / 1024;
        double rssLast = mean(samples.subList(2 * third, samples.size()), 1) / 1024;
        double fdMiddle = mean(samples.subList(third, 2 * third), 2);
        double fdLast = mean(samples.subList(2 * third, samples.size()), 2);
        System.out.printf("SoakIT: %d min, %s; RSS %.0f -> %.0f MiB, open fds %.0f -> %.0f (middle vs last third)%n",
                length.toMinutes(), new TreeMap<>(statuses), rssMiddle, rssLast, fdMiddle, fdLast);
        samples.forEach(s -> System.out.printf("  t=%4ds rss=%6d KiB fds=%4d%n", s[0], s[1], s[2]));

        assertTrue(statuses.keySet().stream().noneMatch(status -> status >= 500), "server errors: " + statuses);
        assertTrue(statuses.getOrDefault(200, 0) > 100, "traffic flowed: " + statuses);
        assertTrue(rssLast < rssMiddle * 1.15 + 16, "RSS grew from " + rssMiddle + " to " + rssLast + " MiB");
        assertTrue(fdLast < fdMiddle + 32, "open descriptors grew from " + fdMiddle + " to " + fdLast);
    }

    /** Registers, logs in, reads its profile, mistypes a password now and then; bounded by the running flag. */
    private static void traffic(HttpClient http, int port, int client, AtomicBoolean running, Map<Integer, Integer> statuses) {
        String token = null;
        for (int n = 0; running.get() && n < 1_000_000; n++) {
            try {
                HttpResponse<String> answer;
                switch (n % 10) {
                    case 0 -> answer = post(http, port, "/users/", "application/json",
                            "{\"username\":\"soak-" + client + "-" + n + "\",\"password\":\"" + PASSWORD + "\"}");
                    case 1 -> {
                        answer = post(http, port, "/token", "application/x-www-form-urlencoded",
                                "username=soak-" + client + "-" + (n - 1) + "&password=" + PASSWORD.replace(' ', '+'));
                        Matcher matcher = TOKEN.matcher(answer.body());
                        token = matcher.find() ? matcher.group(1) : token;
                    }
                    case 2 -> answer = post(http, port, "/token", "application/x-www-form-urlencoded",
                            "username=nobody-" + client + "-" + n + "&password=wrong");
                    default -> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/me"))
                            .header("Authorization", "Bearer " + (token == null ? "none" : token)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                }
                statuses.merge(answer.statusCode(), 1, Integer::sum);
            } catch (IOException | InterruptedException e) {
                statuses.merge(-1, 1, Integer::sum);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, int port, String path, String type, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double mean(List<long[]> samples, int column) {
        return samples.stream().mapToLong(sample -> sample[column]).average().orElseThrow();
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static long openFds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }
}
