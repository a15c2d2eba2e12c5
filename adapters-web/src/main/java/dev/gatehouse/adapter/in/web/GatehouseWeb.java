package dev.gatehouse.adapter.in.web;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.util.Objects;

/** The one call that makes a Helidon server Gatehouse: request limits, then every route and the error mapping. */
public final class GatehouseWeb {

    /** The name of the socket that serves the operations endpoints when they have a port of their own. */
    public static final String OPERATIONS_SOCKET = "operations";

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
        HttpMeters meters = limited(server, useCases, settings, operations);
        server.routing(routing -> GatehouseRouting.configure(routing,
                GatehouseRouting.services(useCases, settings, operations), settings, meters));
    }

    /**
     * As {@link #configure(WebServerConfig.Builder, WebUseCases, WebSettings, Operations)}, but with
     * {@code /health/*} and {@code /metrics} served only on a second socket, {@value #OPERATIONS_SOCKET}, at
     * {@code operationsPort} on the same host (0: any free port), so that a firewall can keep them from clients.
     * The server's {@code port(OPERATIONS_SOCKET)} tells the port once started.
     */
    public static void configure(WebServerConfig.Builder server, WebUseCases useCases, WebSettings settings,
                                 Operations operations, int operationsPort) {
        HttpMeters meters = limited(server, useCases, settings, operations);
        HttpRouting.Builder api = HttpRouting.builder();
        HttpRouting.Builder operationsRouting = HttpRouting.builder();
        GatehouseRouting.configureApart(api, operationsRouting, useCases, settings, operations, meters);
        server.routing(api)
                .putSocket(OPERATIONS_SOCKET, socket -> {
                    socket.host(server.host()).port(operationsPort);
                    ServerLimits.applyLimits(socket, meters);
                })
                .routing(OPERATIONS_SOCKET, operationsRouting);
    }

    /** Checks the arguments, applies the request limits to {@code server}; the meters its requests are counted in. */
    private static HttpMeters limited(WebServerConfig.Builder server, WebUseCases useCases, WebSettings settings,
                                      Operations operations) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(operations, "operations");
        HttpMeters meters = new HttpMeters(operations.meterRegistry());
        ServerLimits.applyLimits(server, meters);
        return meters;
    }
}
