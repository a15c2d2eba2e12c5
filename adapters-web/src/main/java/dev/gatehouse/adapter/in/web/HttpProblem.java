package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import io.helidon.http.Header;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * An error answer (status, JSON body, headers), thrown from a handler like FastAPI's {@code HTTPException} and
 * sent by the central error mapping in {@link GatehouseRouting}. Expected, so it carries no stack trace.
 */
final class HttpProblem extends RuntimeException {

    private final Status status;
    private final JsonObject body;
    private final Header[] headers;

    HttpProblem(Status status, JsonObject body, Header... headers) {
        super(status.text(), null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers.clone();
    }

    /** {@code {"detail": "..."}}. */
    static HttpProblem detail(Status status, String detail, Header... headers) {
        return new HttpProblem(status, JsonResponses.detail(detail), headers);
    }

    /** The OAuth2 error of RFC 6749 section 5.2 beside FastAPI's {@code detail}, for both kinds of client. */
    static HttpProblem oauth(Status status, String detail, String error, String description, Header... headers) {
        return new HttpProblem(status, JsonCodec.BUILDERS.createObjectBuilder()
                .add("detail", detail)
                .add("error", error)
                .add("error_description", description)
                .build(), headers);
    }

    /** 422 with FastAPI's validation body: {@code {"detail": [{"loc": [...], "msg": ..., "type": ...}]}}. */
    static HttpProblem validation(List<FieldError> errors) {
        JsonArrayBuilder detail = JsonCodec.BUILDERS.createArrayBuilder();
        errors.forEach(error -> detail.add(error.toJson()));
        return new HttpProblem(Status.UNPROCESSABLE_CONTENT_422,
                JsonCodec.BUILDERS.createObjectBuilder().add("detail", detail).build());
    }

    static HttpProblem validation(FieldError error) {
        return validation(List.of(error));
    }

    void sendTo(ServerResponse response) {
        JsonResponses.send(response, status, body, headers);
    }
}
