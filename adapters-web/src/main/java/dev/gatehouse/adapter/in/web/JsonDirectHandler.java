package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Answers the requests Helidon refuses outside routing (malformed or oversized request line, headers or body)
 * with the same {@code {"detail": ...}} JSON and headers as every other Gatehouse error. Helidon's message is
 * left out: it may describe the request, and the status already says what is wrong. Outside routing, the answer
 * gets its {@code X-Request-Id}, access-log line and count here; inside, {@link AccessLog}'s filter sees to them.
 */
final class JsonDirectHandler implements DirectHandler {

    private final HttpMeters meters;

    JsonDirectHandler(HttpMeters meters) {
        this.meters = meters;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        ServerResponseHeaders answer = headers == null ? ServerResponseHeaders.create() : headers;
        answer.set(JsonResponses.CONTENT_TYPE_JSON);
        answer.set(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
        Optional<String> routing = AccessLog.routingRequestId();
        String requestId = routing.orElseGet(() -> AccessLog.requestId(sentRequestIds(request)));
        answer.set(AccessLog.X_REQUEST_ID, requestId);
        if (routing.isEmpty()) {
            AccessLog.refusedBeforeRouting(request.method(), status.code(), requestId, meters);
        }
        byte[] body = JsonCodec.write(JsonResponses.detail(detail(status))).getBytes(StandardCharsets.UTF_8);
        return TransportResponse.builder()
                .status(status)
                .headers(answer)
                .entity(body)
                .build();
    }

    /** The request ids the client sent, if Helidon got as far as reading its headers. */
    private static List<String> sentRequestIds(TransportRequest request) {
        try {
            return request.headers().all(AccessLog.X_REQUEST_ID, List::of);
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private static String detail(Status status) {
        if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413_CODE) {
            return "Request body too large"; // as Requests words it, so both limits read the same
        }
        if (status.code() == Status.INTERNAL_SERVER_ERROR_500_CODE) {
            return "Internal server error";
        }
        String reason = status.reasonPhrase();
        return reason == null || reason.isBlank() ? "Request refused" : reason;
    }
}
