package dev.gatehouse.adapter.in.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /metrics}: every meter of this Gatehouse's registry in the Prometheus text format 0.0.4, rendered
 * by Micrometer's Prometheus registry. Served here rather than by Helidon's observe feature, which would add
 * unlisted routes and answers outside our error shape (decision record 0006).
 */
final class MetricsHttpService implements RoutedService {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT);

    private final PrometheusMeterRegistry registry;

    MetricsHttpService(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/metrics", this::metrics));
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        String text = registry.scrape(PROMETHEUS_TEXT);
        response.status(Status.OK_200);
        response.header(CONTENT_TYPE);
        response.header(JsonResponses.NO_STORE);
        response.send(text.getBytes(StandardCharsets.UTF_8));
    }
}
