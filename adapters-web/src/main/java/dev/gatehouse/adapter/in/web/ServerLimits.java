package dev.gatehouse.adapter.in.web;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import java.util.Objects;

/**
 * What one request may cost the server before any handler runs. Helidon refuses a request over these limits
 * itself, before routing; {@link #applyLimits} also makes those refusals speak our {@code {"detail": ...}}
 * JSON instead of Helidon's plain text.
 */
public final class ServerLimits {

    /** The largest request body, the same limit the handlers enforce. */
    public static final int MAX_PAYLOAD_BYTES = Requests.MAX_BODY_BYTES;
    /**
     * The request line ({@code POST /token HTTP/1.1}). Our paths are a few characters and no endpoint takes a
     * query, so half of Helidon 4.3's default (4 KiB) is still ample.
     */
    public static final int MAX_REQUEST_LINE_BYTES = 2 * 1024;
    /**
     * All header lines together, as Tomcat and Jetty default: room for a bearer token (under 1 KiB), the device
     * cookie, a browser's usual headers and a proxy's; half of Helidon 4.3's default (16 KiB).
     */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private ServerLimits() {
    }

    /**
     * Sets the maximum payload size, the HTTP/1.1 request-line and header-block limits, and JSON answers for the
     * errors Helidon sends outside routing (such as 413 for a declared {@code Content-Length} over the limit),
     * counted in {@code meters}.
     */
    static void applyLimits(ListenerConfig.BuilderBase<?, ?> server, HttpMeters meters) {
        Objects.requireNonNull(server, "server");
        DirectHandler json = new JsonDirectHandler(meters);
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            directHandlers.addHandler(type, json);
        }
        server.maxPayloadSize(MAX_PAYLOAD_BYTES)
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                        .maxHeadersSize(MAX_HEADER_BYTES)
                        .build())
                .directHandlers(directHandlers.build());
    }
}
