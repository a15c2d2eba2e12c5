package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;

/**
 * One HTTP answer, read completely. Building it checks what every Gatehouse response must carry: a JSON
 * content type and {@code X-Content-Type-Options: nosniff}, each exactly once.
 */
record Reply(int status, ClientResponseHeaders headers, String body) {

    static Reply of(HttpClientResponse response) {
        try (response) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            Reply reply = new Reply(response.status().code(), response.headers(), body);
            assertEquals(List.of("application/json"), reply.headers().all(HeaderNames.CONTENT_TYPE, List::of), reply::toString);
            assertEquals(List.of("nosniff"), reply.headers().all(HeaderNames.X_CONTENT_TYPE_OPTIONS, List::of), reply::toString);
            return reply;
        }
    }

    /** A page for a person: HTML, never cached, and {@code X-Content-Type-Options: nosniff} as on every answer. */
    static Reply page(HttpClientResponse response) {
        try (response) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            Reply reply = new Reply(response.status().code(), response.headers(), body);
            assertEquals(List.of("text/html; charset=UTF-8"), reply.headers().all(HeaderNames.CONTENT_TYPE, List::of), reply::toString);
            assertEquals(List.of("no-store"), reply.headers().all(HeaderNames.CACHE_CONTROL, List::of), reply::toString);
            assertEquals(List.of("nosniff"), reply.headers().all(HeaderNames.X_CONTENT_TYPE_OPTIONS, List::of), reply::toString);
            return reply;
        }
    }

    /**
     * An answer that has no body: no content type either, and {@code X-Content-Type-Options: nosniff} as on
     * every answer.
     */
    static Reply empty(HttpClientResponse response) {
        try (response) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            Reply reply = new Reply(response.status().code(), response.headers(), body);
            assertEquals("", body, reply::toString);
            assertEquals(List.of(), reply.headers().all(HeaderNames.CONTENT_TYPE, List::of), reply::toString);
            assertEquals(List.of("nosniff"), reply.headers().all(HeaderNames.X_CONTENT_TYPE_OPTIONS, List::of), reply::toString);
            return reply;
        }
    }

    JsonObject json() {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** The header's single value, or null when absent. */
    String header(HeaderName name) {
        List<String> values = headers.all(name, List::of);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** Asserts status and body; the body is compared as JSON, so member order does not matter. */
    Reply expect(int expectedStatus, String expectedJson) {
        assertEquals(expectedStatus, status, this::toString);
        assertEquals(Json.createReader(new StringReader(expectedJson)).readValue(),
                Json.createReader(new StringReader(body)).readValue(), this::toString);
        return this;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
