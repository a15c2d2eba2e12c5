package dev.gatehouse.adapter.web;

import io.helidon.webserver.WebServerConfig;
import java.util.Objects;

/** The one call that makes a Helidon server Gatehouse: request limits, then every route and the error mapping. */
public final class GatehouseWeb {

    private GatehouseWeb() {
    }

    /**
     * Applies {@link ServerLimits} to {@code server} and gives it the routing of
     * {@link GatehouseRouting#configure(io.helidon.webserver.http.HttpRouting.Builder, WebUseCases, WebSettings, Operations)}:
     * the API, {@code /openapi.json}, {@code /docs}, {@code /health/live}, {@code /health/ready} and
     * {@code /metrics}. The caller then builds and starts the server.
     */
    public static void configure(WebServerConfig.Builder server, WebUseCases useCases, WebSettings settings,
                                 Operations operations) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(operations, "operations");
        ServerLimits.applyLimits(server);
        server.routing(routing -> GatehouseRouting.configure(routing, useCases, settings, operations));
    }
}
