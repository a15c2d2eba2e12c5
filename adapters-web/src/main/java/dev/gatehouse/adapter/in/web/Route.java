package dev.gatehouse.adapter.in.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.Objects;

/** An {@link Endpoint} and the handler that serves it. */
record Route(Endpoint endpoint, Handler handler) {

    Route {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String path, Handler handler) {
        return new Route(new Endpoint(Method.GET, path), handler);
    }

    static Route post(String path, Handler handler) {
        return new Route(new Endpoint(Method.POST, path), handler);
    }

    static Route put(String path, Handler handler) {
        return new Route(new Endpoint(Method.PUT, path), handler);
    }

    static Route delete(String path, Handler handler) {
        return new Route(new Endpoint(Method.DELETE, path), handler);
    }
}
