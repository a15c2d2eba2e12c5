package dev.gatehouse.adapter.in.jsonrpc;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gatehouse over JSON-RPC 2.0 on the JDK's own HTTP server: {@code POST /rpc} with an {@code application/json} body
 * of at most {@value #MAX_BODY_BYTES} bytes, one request object per call. A caller authenticates with
 * {@code Authorization: Bearer <access token>} on the HTTP request (RFC 6750 section 2.1), never in the params.
 * Each request runs on its own virtual thread, as the use cases block on their stores.
 */
public final class JsonRpcServer implements AutoCloseable {

    static final String PATH = "/rpc";
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** IPv6 clients are throttled by their /64, as the web adapter budgets them by default. */
    private static final int IPV6_PREFIX = 64;
    private static final Logger LOG = Logger.getLogger(JsonRpcServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonRpcDispatcher dispatcher;

    private JsonRpcServer(HttpServer server, ExecutorService executor, JsonRpcDispatcher dispatcher) {
        this.server = server;
        this.executor = executor;
        this.dispatcher = dispatcher;
    }

    /** Serves the use cases at {@code address} (port 0: any free port) until {@link #close()}. */
    public static JsonRpcServer start(InetSocketAddress address, JsonRpcUseCases useCases) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        JsonRpcServer rpc = new JsonRpcServer(server, executor, new JsonRpcDispatcher(useCases));
        server.createContext(PATH, rpc::handle);
        server.setExecutor(executor);
        server.start();
        return rpc;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendTransportError(exchange, 405, "Only POST is served");
            } else if (!isJson(exchange.getRequestHeaders())) {
                sendTransportError(exchange, 415, "Content-Type must be application/json");
            } else {
                byte[] body = read(exchange.getRequestBody());
                if (body.length > MAX_BODY_BYTES) {
                    sendTransportError(exchange, 413, "The request exceeds " + MAX_BODY_BYTES + " bytes");
                    return;
                }
                Optional<JsonRpcDispatcher.Reply> reply = dispatcher.dispatch(body, bearerToken(exchange.getRequestHeaders()),
                        client(exchange));
                if (reply.isEmpty()) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    reply.get().bearerChallenge().ifPresent(challenge ->
                            exchange.getResponseHeaders().set("WWW-Authenticate", challenge));
                    send(exchange, reply.get().bearerChallenge().isPresent() ? 401 : 200, reply.get().body());
                }
            }
        } catch (IOException | RuntimeException failed) {
            // The caller went away mid-answer, or the answer could not be written: nothing left to tell it.
            LOG.log(Level.FINE, "JSON-RPC exchange failed", failed);
        }
    }

    /**
     * The token of a single {@code Authorization: Bearer <token>} header (scheme case-insensitive); empty for none,
     * several, or another scheme, which then count as not authenticated.
     */
    static Optional<String> bearerToken(Headers headers) {
        List<String> values = headers.getOrDefault("Authorization", List.of());
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip()).filter(token -> !token.isEmpty());
    }

    private static boolean isJson(Headers headers) {
        String type = Optional.ofNullable(headers.getFirst("Content-Type")).orElse("");
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT)
                .equals("application/json");
    }

    /** At most one byte more than allowed: enough to tell that the body is too large, without holding it all. */
    private static byte[] read(InputStream body) throws IOException {
        return body.readNBytes(MAX_BODY_BYTES + 1);
    }

    private static ClientAddress client(HttpExchange exchange) {
        return ClientAddress.within(exchange.getRemoteAddress().getAddress().getHostAddress(), IPV6_PREFIX);
    }

    /** A request refused before JSON-RPC reads it: its HTTP status, and a {@code -32600} error for JSON-RPC clients. */
    private static void sendTransportError(HttpExchange exchange, int status, String message) throws IOException {
        JsonObject error = JsonCodec.BUILDERS.createObjectBuilder().add("jsonrpc", "2.0").add("id", JsonValue.NULL)
                .add("error", JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request: " + message).toJson())
                .build();
        send(exchange, status, error);
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // Answers carry tokens and account data: no cache may keep them (RFC 6749 section 5.1).
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
