package dev.gatehouse.adapter.in.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}, writes one line per request to the {@value #LOGGER_NAME} logger
 * at INFO and counts it in the HTTP meters. A line holds the method, the route template (never the path as
 * sent, nor its query), status, duration, request id and client address: no header, no body, so no password
 * or token. Unknown paths share the route {@value #UNMATCHED}, so whatever a client sends adds no new series.
 */
final class AccessLog {

    static final String LOGGER_NAME = "gatehouse.access";
    static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final String UNMATCHED = "unmatched";

    private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);
    /** A client's id is echoed only when it is harmless in a header and a log line. */
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<Method> KNOWN_METHODS = Set.of(Method.GET, Method.POST, Method.PUT, Method.DELETE,
            Method.HEAD, Method.OPTIONS, Method.TRACE, Method.PATCH, Method.CONNECT);
    /** The id of the request this thread is routing, for answers Helidon sends through the direct handler. */
    private static final ThreadLocal<String> ROUTING = new ThreadLocal<>();
    private static final HexFormat HEX = HexFormat.of();

    private final RouteTable routes;
    private final ClientAddressing addressing;
    private final HttpMeters meters;

    /** {@code routes}: the routes served; a request none of them served is logged and counted as unmatched. */
    AccessLog(RouteTable routes, ClientAddressing addressing, HttpMeters meters) {
        this.routes = routes;
        this.addressing = addressing;
        this.meters = meters;
    }

    /** The outermost filter: it sees every answer routing sends, including those of the error mapping. */
    Filter filter() {
        return (chain, request, response) -> {
            long started = System.nanoTime();
            String requestId = requestId(request.headers().all(X_REQUEST_ID, List::of));
            response.header(X_REQUEST_ID, requestId);
            ROUTING.set(requestId);
            try {
                chain.proceed();
            } finally {
                ROUTING.remove();
                answered(request, response, requestId, System.nanoTime() - started);
            }
        };
    }

    /** The client's id when it sent exactly one acceptable {@code X-Request-Id}, else a fresh one. */
    static String requestId(List<String> sent) {
        if (sent.size() == 1 && CLIENT_REQUEST_ID.matcher(sent.getFirst()).matches()) {
            return sent.getFirst();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // 32 hex digits, as "%016x%016x" wrote them, without a Formatter per request (a saturated /users/me
        // profile spent 6.7 % of its samples in String.format, here and for the duration below).
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    /** The id of the request being routed on this thread; empty outside routing. */
    static Optional<String> routingRequestId() {
        return Optional.ofNullable(ROUTING.get());
    }

    /** An answer Helidon sent before routing (a malformed or oversized request): no route, no client known. */
    static void refusedBeforeRouting(String method, int status, String requestId, HttpMeters meters) {
        try {
            String label = methodLabel(method);
            meters.countRequest(label, UNMATCHED, status);
            log(label, UNMATCHED, status, "-", requestId, "-");
        } catch (RuntimeException failed) {
            LOGGER.log(Level.WARNING, "Could not log or count a refused request", failed);
        }
    }

    private void answered(ServerRequest request, ServerResponse response, String requestId, long nanos) {
        try {
            record(request, response, requestId, nanos);
        } catch (RuntimeException failed) {
            // The answer is sent; a failure to account for it must not turn into an error of the request.
            LOGGER.log(Level.WARNING, "Could not log or count a request", failed);
        }
    }

    private void record(ServerRequest request, ServerResponse response, String requestId, long nanos) {
        String method = methodLabel(request.prologue().method().text());
        String route = routes.routeOf(request).orElse(UNMATCHED);
        int status = response.status().code();
        meters.recordRequest(method, route, status, nanos);
        if (LOGGER.isLoggable(Level.INFO)) {
            log(method, route, status, millisWithOneDecimal(nanos), requestId,
                    ClientAddresses.of(request, addressing).value());
        }
    }

    /** {@code nanos} in milliseconds with one decimal, rounded half up, as {@code "%.1f"} of {@code nanos / 1e6}. */
    static String millisWithOneDecimal(long nanos) {
        long tenths = Math.round(nanos / 1e5);
        return tenths / 10 + "." + tenths % 10;
    }

    private static void log(String method, String route, int status, String millis, String requestId, String client) {
        // logp names the source: a LogRecord without one walks the stack to find it for the formatter (9 % of
        // the samples of a saturated /users/me profile).
        LOGGER.logp(Level.INFO, AccessLog.class.getName(), "log", () -> "method=" + method + " route=" + route + " status=" + status + " duration_ms=" + millis
                + " request_id=" + requestId + " client=" + client);
    }

    /** A standard method as itself, anything else as {@code OTHER}: a client cannot invent labels. */
    static String methodLabel(String method) {
        for (Method known : KNOWN_METHODS) {
            if (known.text().equals(method)) {
                return known.text();
            }
        }
        return "OTHER";
    }
}
