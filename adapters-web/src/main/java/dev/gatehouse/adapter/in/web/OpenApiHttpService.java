package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code GET /openapi.json} (FastAPI's address) and {@code GET /openapi} (Helidon's): the hand-written OpenAPI
 * 3.1 document, sent as it is. {@code OpenApiContractIT} holds it to the routes actually served.
 */
final class OpenApiHttpService implements RoutedService {

    static final String DOCUMENT = "dev/gatehouse/adapter/in/web/openapi.json";

    private final byte[] document = ClasspathResources.read(DOCUMENT);

    OpenApiHttpService() {
        if (JsonCodec.parseObject(document).isEmpty()) {
            throw new IllegalStateException(DOCUMENT + " is not one JSON object");
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/openapi.json", this::document),
                Route.get("/openapi", this::document));
    }

    private void document(ServerRequest request, ServerResponse response) {
        response.status(Status.OK_200);
        response.header(JsonResponses.CONTENT_TYPE_JSON);
        response.send(document);
    }
}
