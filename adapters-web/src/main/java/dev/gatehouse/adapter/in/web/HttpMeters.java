package dev.gatehouse.adapter.in.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP adapter's own meters, in the registry of the Gatehouse it serves: requests answered
 * ({@code gatehouse_http_requests_total{method,route,status}}) and their duration
 * ({@code gatehouse_http_request_duration_seconds}, a histogram).
 */
final class HttpMeters {

    static final String HTTP_REQUESTS = "gatehouse.http.requests";
    static final String HTTP_REQUEST_DURATION = "gatehouse.http.request.duration";

    /** A request's whole time in the server: most answers take milliseconds, a login tens of them. */
    private static final Duration[] REQUEST_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

    private final MeterRegistry registry;
    private final Map<Series, Meters> meters = new ConcurrentHashMap<>();

    HttpMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    MeterRegistry registry() {
        return registry;
    }

    /** One answered request: its method, route template (or {@code unmatched}), status and time taken. */
    void recordRequest(String method, String route, int status, long nanos) {
        Meters series = meters(method, route, status);
        series.requests().increment();
        series.duration().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An answer sent before routing, whose duration is unknown: counted, not timed. */
    void countRequest(String method, String route, int status) {
        meters(method, route, status).requests().increment();
    }

    private Meters meters(String method, String route, int status) {
        return meters.computeIfAbsent(new Series(method, route, status), this::create);
    }

    private Meters create(Series series) {
        List<Tag> tags = List.of(Tag.of("method", series.method()), Tag.of("route", series.route()),
                Tag.of("status", Integer.toString(series.status())));
        return new Meters(
                Counter.builder(HTTP_REQUESTS)
                        .description("HTTP requests answered, by method, route template and status")
                        .tags(tags)
                        .register(registry),
                // A histogram with fixed buckets (Prometheus can aggregate those across instances), no percentiles.
                Timer.builder(HTTP_REQUEST_DURATION)
                        .description("Time from a request's arrival to its answer")
                        .tags(tags)
                        .serviceLevelObjectives(REQUEST_BUCKETS)
                        .register(registry));
    }

    private static Duration[] durations(long... millis) {
        return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    private record Series(String method, String route, int status) {
    }

    private record Meters(Counter requests, Timer duration) {
    }
}
