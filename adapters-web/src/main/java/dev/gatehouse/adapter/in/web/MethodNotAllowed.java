package dev.gatehouse.adapter.in.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Answers 405 on a known path, with the {@code Allow} header naming the method it does serve. */
record MethodNotAllowed(String allow) implements Handler {

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        throw HttpProblem.detail(Status.METHOD_NOT_ALLOWED_405, "Method Not Allowed",
                HeaderValues.create(HeaderNames.ALLOW, allow));
    }
}
