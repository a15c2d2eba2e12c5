package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code /health/live} and {@code /health/ready}: UP or DOWN by name, and nothing else about the machine. */
class HealthIT {

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    @Test
    void is_live_while_serving() {
        try (RealServer server = server(Operations.none())) {
            RawHttp.Answer answer = get(server, "/health/live");

            expect(200, "{\"status\":\"UP\"}", answer);
        }
    }

    @Test
    void is_ready_without_checks() {
        try (RealServer server = server(Operations.none())) {
            expect(200, "{\"status\":\"UP\",\"checks\":[]}", get(server, "/health/ready"));
        }
    }

    @Test
    void is_ready_when_every_check_is_and_lists_them_by_name() {
        try (RealServer server = server(new Operations(List.of(ReadinessCheck.of("database", timeout -> true),
                ReadinessCheck.of("cache", timeout -> true)), Duration.ofSeconds(1)))) {
            expect(200, """
                    {"status":"UP","checks":[{"name":"database","status":"UP"},{"name":"cache","status":"UP"}]}""",
                    get(server, "/health/ready"));
        }
    }

    @Test
    void is_not_ready_while_a_check_says_no_and_says_when_to_ask_again() {
        try (RealServer server = server(new Operations(List.of(ReadinessCheck.of("database", timeout -> false),
                ReadinessCheck.of("cache", timeout -> true)), Duration.ofSeconds(1)))) {
            RawHttp.Answer answer = get(server, "/health/ready");

            expect(503, """
                    {"status":"DOWN","checks":[{"name":"database","status":"DOWN"},{"name":"cache","status":"UP"}]}""", answer);
            assertEquals("5", answer.header("Retry-After"));
            expect(200, "{\"status\":\"UP\"}", get(server, "/health/live"));
        }
    }

    @Test
    void counts_a_failing_check_as_down_and_keeps_its_error_to_the_log() {
        try (LogCapture log = new LogCapture(HealthHttpService.class.getName());
             RealServer server = server(new Operations(List.of(ReadinessCheck.of("database", timeout -> {
                 throw new IllegalStateException("jdbc:postgresql://db.internal:5432/gatehouse password=hunter2");
             })), Duration.ofSeconds(1)))) {
            RawHttp.Answer answer = get(server, "/health/ready");

            expect(503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"}]}", answer);
            assertFalse(answer.body().contains("jdbc"), answer::toString);
            assertEquals(1, log.records().size());
            assertEquals("Readiness check database failed", log.records().getFirst().getMessage());
        }
    }

    @Test
    void counts_a_check_that_does_not_answer_in_time_as_down_and_answers_anyway() {
        AtomicReference<Duration> given = new AtomicReference<>();
        try (RealServer server = server(new Operations(List.of(ReadinessCheck.of("database", timeout -> {
            given.set(timeout);
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return true;
        })), Duration.ofMillis(300)))) {
            long started = System.nanoTime();
            RawHttp.Answer answer = get(server, "/health/ready");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            expect(503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"}]}", answer);
            assertEquals(Duration.ofMillis(300), given.get());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, took::toString);
        }
    }

    @Test
    void runs_the_checks_side_by_side_within_one_timeout() {
        Predicate<Duration> slow = timeout -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        };
        try (RealServer server = server(new Operations(List.of(ReadinessCheck.of("a", slow), ReadinessCheck.of("b", slow), ReadinessCheck.of("c", slow)),
                Duration.ofMillis(1500)))) {
            // One after the other they would take 1.8 s, past the timeout, and the last would be DOWN.
            RawHttp.Answer answer = get(server, "/health/ready");

            assertEquals(200, answer.status(), answer::toString);
        }
    }

    @Test
    void lets_probes_that_arrive_together_share_one_evaluation() throws InterruptedException {
        AtomicInteger evaluations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (RealServer server = server(new Operations(List.of(ReadinessCheck.of("database", timeout -> {
            evaluations.incrementAndGet();
            try {
                return release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        })), Duration.ofSeconds(10)))) {
            List<Thread> probes = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                probes.add(Thread.ofVirtual().start(() -> {
                    int status = get(server, "/health/ready").status();
                    synchronized (statuses) {
                        statuses.add(status);
                    }
                }));
            }
            Thread.sleep(1000);
            release.countDown();
            for (Thread probe : probes) {
                probe.join(Duration.ofSeconds(10));
            }

            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
            assertTrue(evaluations.get() < 8, () -> evaluations.get() + " evaluations for 8 probes");
        }
    }

    @Test
    void refuses_other_methods_in_the_usual_shape() {
        try (RealServer server = server(Operations.none())) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.post("/health/ready", "application/json", new byte[0]));

            assertEquals(405, answer.status());
            assertEquals("GET", answer.header("Allow"));
            assertEquals("{\"detail\":\"Method Not Allowed\"}", answer.body());
        }
    }

    private static void expect(int status, String json, RawHttp.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals(Json.createReader(new StringReader(json)).readValue(),
                Json.createReader(new StringReader(answer.body())).readValue(), answer::toString);
        assertEquals(List.of("application/json"), answer.all("Content-Type"), answer::toString);
        assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"), answer::toString);
        assertEquals(List.of("no-store"), answer.all("Cache-Control"), answer::toString);
    }

    private static RealServer server(Operations operations) {
        return new RealServer(GATEHOUSE.useCases, WebSettings.DEFAULT, operations);
    }

    private static RawHttp.Answer get(RealServer server, String path) {
        return RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", List.of(), new byte[0]));
    }
}
