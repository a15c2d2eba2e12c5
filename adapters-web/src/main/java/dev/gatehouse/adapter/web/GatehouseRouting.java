package dev.gatehouse.adapter.web;

import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers every Gatehouse route and the central error mapping on a routing builder: a thrown
 * {@link HttpProblem} is sent as it is, Helidon's own HTTP errors (such as 404 for an unknown path) get a
 * {@code {"detail": ...}} body, and anything else becomes a logged 500 that shows the client nothing.
 */
public final class GatehouseRouting {

    private static final Logger LOGGER = Logger.getLogger(GatehouseRouting.class.getName());

    private GatehouseRouting() {
    }

    public static void configure(HttpRouting.Builder routing, WebUseCases useCases) {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(useCases, "useCases");
        routing.addFilter((chain, request, response) -> {
                    response.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
                    // Helidon would send the body of a HEAD answer too, which HTTP forbids.
                    if (request.prologue().method() == Method.HEAD) {
                        response.streamFilter(body -> OutputStream.nullOutputStream());
                    }
                    chain.proceed();
                })
                .register("/token", new TokenHttpService(useCases.logIn()))
                .register("/users", new UsersHttpService(useCases.registerUser(), useCases.currentUser()))
                .error(HttpProblem.class, (request, response, problem) -> problem.sendTo(response))
                .error(HttpException.class, GatehouseRouting::httpError)
                .error(Throwable.class, GatehouseRouting::unexpected);
    }

    private static void httpError(ServerRequest request, ServerResponse response, HttpException error) {
        Status status = error.status();
        if (status.code() >= Status.INTERNAL_SERVER_ERROR_500_CODE) {
            unexpected(request, response, error);
            return;
        }
        JsonResponses.send(response, status, JsonResponses.detail(status.reasonPhrase()));
    }

    private static void unexpected(ServerRequest request, ServerResponse response, Throwable error) {
        LOGGER.log(Level.SEVERE, error, () -> "Unexpected error on " + request.prologue().method().text() + " "
                + request.prologue().uriPath().rawPath());
        JsonResponses.send(response, Status.INTERNAL_SERVER_ERROR_500, JsonResponses.detail("Internal server error"));
    }
}
