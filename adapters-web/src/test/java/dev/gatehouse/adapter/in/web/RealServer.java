package dev.gatehouse.adapter.in.web;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/** The production server set-up, as bootstrap builds it: loopback, a free port, {@link GatehouseWeb#configure}. */
final class RealServer implements AutoCloseable {

    private final WebServer server;

    RealServer(WebUseCases useCases, WebSettings settings) {
        this(useCases, settings, Operations.none());
    }

    RealServer(WebUseCases useCases, WebSettings settings, Operations operations) {
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0);
        GatehouseWeb.configure(builder, useCases, settings, operations);
        server = builder.build().start();
    }

    int port() {
        return server.port();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.stop();
    }
}
