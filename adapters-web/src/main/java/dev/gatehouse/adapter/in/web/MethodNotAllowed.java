package dev.gatehouse.adapter.in.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Collection;
import java.util.TreeSet;

/** Answers 405 on a known path, with the {@code Allow} header naming the method it does serve. */
record MethodNotAllowed(String allow) implements Handler {

    /** 405 on the path of {@code routes}, allowing their methods (in alphabetical order). */
    static MethodNotAllowed allowing(Collection<Route> routes) {
        return new MethodNotAllowed(String.join(", ",
                new TreeSet<>(routes.stream().map(route -> route.endpoint().method().text()).toList())));
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        throw HttpProblem.detail(Status.METHOD_NOT_ALLOWED_405, "Method Not Allowed",
                HeaderValues.create(HeaderNames.ALLOW, allow));
    }
}
