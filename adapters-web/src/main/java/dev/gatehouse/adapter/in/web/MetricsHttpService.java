package dev.gatehouse.adapter.in.web;


import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistryFormatter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.spi.MeterRegistryFormatterProvider;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code GET /metrics}: every meter of this Gatehouse's registry in the Prometheus text format 0.0.4, rendered
 * by the metrics provider's own formatter (Micrometer's Prometheus registry). Served here rather than by
 * Helidon's observe feature, which would add unlisted routes and answers outside our error shape.
 */
final class MetricsHttpService implements RoutedService {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT);

    private final MeterRegistryFormatterProvider formatters;
    private final MetricsConfig config = MetricsConfig.create();
    private final MeterRegistry registry;

    MetricsHttpService(MeterRegistry registry) {
        this.registry = registry;
        formatters = ServiceLoader.load(MeterRegistryFormatterProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> formatter(provider).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no Helidon metrics provider formats Prometheus text; is helidon-metrics-providers-micrometer missing?"));
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/metrics", this::metrics));
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        String text = formatter(formatters).flatMap(MeterRegistryFormatter::format).map(Object::toString).orElse("");
        response.status(Status.OK_200);
        response.header(CONTENT_TYPE);
        response.header(JsonResponses.NO_STORE);
        response.send(text.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<MeterRegistryFormatter> formatter(MeterRegistryFormatterProvider provider) {
        return provider.formatter(MediaTypes.TEXT_PLAIN, config, registry, Optional.empty(),
                List.of(), List.of());
    }
}
