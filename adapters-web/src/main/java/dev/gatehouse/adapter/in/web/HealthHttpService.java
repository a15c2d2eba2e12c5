package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /health/live}: the process serves requests. {@code GET /health/ready}: every
 * {@link ReadinessCheck} said yes within the timeout, else 503 with {@code Retry-After}. Answers name the checks
 * and say UP or DOWN, nothing more: no versions, sizes or error messages for whoever can reach the port.
 */
final class HealthHttpService implements RoutedService {

    private static final Logger LOGGER = Logger.getLogger(HealthHttpService.class.getName());
    private static final String UP = "UP";
    private static final String DOWN = "DOWN";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Operations operations;
    /** The evaluation in progress: concurrent probes share it rather than each asking the database again. */
    private final AtomicReference<CompletableFuture<Map<String, Boolean>>> inFlight = new AtomicReference<>();

    HealthHttpService(Operations operations) {
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/health/live", this::live),
                Route.get("/health/ready", this::ready));
    }

    private void live(ServerRequest request, ServerResponse response) {
        JsonResponses.send(response, Status.OK_200, status(UP).build(), JsonResponses.NO_STORE);
    }

    private void ready(ServerRequest request, ServerResponse response) {
        Map<String, Boolean> results = readiness();
        boolean ready = results.values().stream().allMatch(Boolean::booleanValue);
        JsonArrayBuilder checks = JsonCodec.BUILDERS.createArrayBuilder();
        results.forEach((name, up) -> checks.add(JsonCodec.BUILDERS.createObjectBuilder()
                .add("name", name)
                .add("status", up ? UP : DOWN)));
        JsonObject body = status(ready ? UP : DOWN).add("checks", checks).build();
        if (ready) {
            JsonResponses.send(response, Status.OK_200, body, JsonResponses.NO_STORE);
        } else {
            JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503, body, JsonResponses.NO_STORE,
                    JsonResponses.retryAfter(RETRY_AFTER));
        }
    }

    private static JsonObjectBuilder status(String status) {
        return JsonCodec.BUILDERS.createObjectBuilder().add("status", status);
    }

    private Map<String, Boolean> readiness() {
        CompletableFuture<Map<String, Boolean>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, Boolean>> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Map<String, Boolean> results = evaluate();
            mine.complete(results);
            return results;
        } catch (RuntimeException | Error failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            inFlight.set(null);
        }
    }

    /** Runs every check at once, each on its own virtual thread, and waits at most the timeout for all of them. */
    private Map<String, Boolean> evaluate() {
        Duration timeout = operations.readinessTimeout();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (ReadinessCheck check : operations.readinessChecks()) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            threads.add(Thread.ofVirtual().name("gatehouse-readiness-" + check.name()).start(() -> {
                try {
                    answer.complete(check.isReady(timeout));
                } catch (Throwable failed) {
                    answer.completeExceptionally(failed);
                }
            }));
            answers.add(answer);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Boolean> results = new LinkedHashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            String name = operations.readinessChecks().get(i).name();
            results.put(name, await(name, answers.get(i), threads.get(i), deadline));
        }
        return results;
    }

    private static boolean await(String name, CompletableFuture<Boolean> answer, Thread thread, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            thread.interrupt();
            LOGGER.warning(() -> "Readiness check " + name + " did not answer in time");
            return false;
        } catch (ExecutionException failed) {
            LOGGER.log(Level.WARNING, failed.getCause(), () -> "Readiness check " + name + " failed");
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
