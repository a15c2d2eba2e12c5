package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes every Gatehouse response: a JSON body, {@code application/json}, and the headers the caller adds. */
final class JsonResponses {

    static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");
    static final Header PRAGMA_NO_CACHE = HeaderValues.createCached(HeaderNames.PRAGMA, "no-cache");
    static final Header CONTENT_TYPE_JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");

    private JsonResponses() {
    }

    static void send(ServerResponse response, Status status, JsonStructure body, Header... headers) {
        response.status(status);
        response.header(CONTENT_TYPE_JSON);
        for (Header header : headers) {
            response.header(header);
        }
        response.send(JsonCodec.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1: a client must not retry at once. */
    static Header retryAfter(Duration wait) {
        long seconds = wait.isNegative() ? 0 : wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
    }

    /** FastAPI's error body: {@code {"detail": "..."}}. */
    static JsonObject detail(String detail) {
        return JsonCodec.BUILDERS.createObjectBuilder().add("detail", detail).build();
    }
}
