package dev.gatehouse.adapter.in.web;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operations endpoints need: the checks {@code GET /health/ready} runs, how long each may take
 * before it counts as down, and the meter registry of this Gatehouse, which {@code GET /metrics} shows and the
 * HTTP adapter counts its requests in.
 */
public record Operations(List<ReadinessCheck> readinessChecks, Duration readinessTimeout, PrometheusMeterRegistry meterRegistry) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    /** These checks, with a meter registry of their own (tests; production passes the one its meters are in). */
    public Operations(List<ReadinessCheck> readinessChecks, Duration readinessTimeout) {
        this(readinessChecks, readinessTimeout, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** No readiness checks (ready whenever serving), each would get 2 seconds; a meter registry of its own. */
    public static Operations none() {
        return new Operations(List.of(), Duration.ofSeconds(2));
    }

    public Operations {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        readinessChecks = List.copyOf(Objects.requireNonNull(readinessChecks, "readinessChecks"));
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        if (readinessTimeout.isNegative() || readinessTimeout.isZero() || readinessTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("readinessTimeout must be positive and at most " + MAX_TIMEOUT);
        }
        Set<String> names = new HashSet<>();
        for (ReadinessCheck check : readinessChecks) {
            String name = check.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "a readiness check's name must be 1 to 64 letters, digits, '.', '_' or '-': " + name);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("two readiness checks are named " + name);
            }
        }
    }
}
