package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route table answers as Helidon's own walk through the services did: each method of a path to its handler,
 * 405 with {@code Allow} for the others, 404 for unknown paths, a percent-encoded exact path served as decoded,
 * template parameters filled, and the route named in the access log as listed.
 */
class RouteTableIT {

    private static final RoutedService FIRST = () -> List.of(
            Route.get("/a", (request, response) -> response.send("get a")),
            Route.post("/a", (request, response) -> response.send("post a")),
            Route.get("/items/{id}", (request, response) -> response.send("item " + request.path().pathParameters().get("id"))));
    private static final RoutedService SECOND = () -> List.of(
            Route.delete("/b", (request, response) -> response.send("delete b")),
            Route.put("/items/{id}/tags/{tag}", (request, response) -> response.send(
                    "tag " + request.path().pathParameters().get("tag") + " on " + request.path().pathParameters().get("id"))));

    private static WebServer server;

    @BeforeAll
    static void start() {
        HttpRouting.Builder routing = HttpRouting.builder();
        GatehouseRouting.configure(routing, List.of(FIRST, SECOND), WebSettings.DEFAULT,
                new HttpMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        server = WebServer.builder().host("127.0.0.1").port(0).addRouting(routing).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void sends_each_method_of_a_path_to_its_handler_and_refuses_the_others_with_405() {
        assertEquals(200, send("GET /a").status());
        assertEquals("get a", send("GET /a").body());
        assertEquals("post a", send("POST /a").body());
        assertEquals("delete b", send("DELETE /b").body());

        RawHttp.Answer put = send("PUT /a");
        assertEquals(405, put.status());
        assertEquals("GET, POST", put.header("Allow"));
        assertEquals("GET", send("POST /items/7").header("Allow"));
        assertEquals("PUT", send("GET /items/7/tags/blue").header("Allow"));
    }

    @Test
    void fills_template_parameters() {
        assertEquals("item 7", send("GET /items/7").body());
        assertEquals("tag blue on 7", send("PUT /items/7/tags/blue").body());
    }

    @Test
    void serves_a_percent_encoded_exact_path_as_decoded_and_nothing_else() {
        assertEquals("get a", send("GET /%61").body());
        for (String unknown : List.of("GET /", "GET /a/", "GET /ab", "GET /items", "GET /items/", "GET /items/7/x")) {
            RawHttp.Answer answer = send(unknown);
            assertEquals(404, answer.status(), unknown);
            assertEquals("{\"detail\":\"Not Found\"}", answer.body(), unknown);
        }
    }

    @Test
    void names_the_listed_route_in_the_access_log() {
        try (LogCapture log = new LogCapture(AccessLog.LOGGER_NAME)) {
            Map<String, String> routes = Map.of("GET /%61", "route=/a ", "PUT /a", "route=/a ", "GET /items/7", "route=/items/{id} ",
                    "GET /nowhere", "route=unmatched ");
            routes.forEach((request, route) -> {
                String requestId = send(request).header(AccessLog.X_REQUEST_ID.defaultCase());
                assertEquals(1, log.awaitMessages(line -> line.contains("request_id=" + requestId)
                        && line.contains(route)).size(), request);
            });
        }
    }

    @Test
    void refuses_a_method_listed_twice_on_a_path_and_a_template_that_hides_an_exact_path() {
        RoutedService again = () -> List.of(Route.post("/a", (request, response) -> response.send("again")));
        RoutedService hiding = () -> List.of(Route.get("/items/new", (request, response) -> response.send("new")));

        assertEquals("Served twice: POST /a",
                assertThrows(IllegalArgumentException.class, () -> RouteTable.of(List.of(FIRST, again))).getMessage());
        assertEquals("/items/{id} would match /items/new",
                assertThrows(IllegalArgumentException.class, () -> RouteTable.of(List.of(FIRST, hiding))).getMessage());
    }

    @Test
    void refuses_paths_that_helidon_would_read_as_a_glob_or_a_regular_expression() {
        // The table serves a path without '{' as exact; Helidon would have matched these as patterns.
        for (String path : List.of("/docs/*", "/items/[0-9]+", "/a\\.b")) {
            assertThrows(IllegalArgumentException.class, () -> new Endpoint(Method.GET, path), path);
        }
    }

    private static RawHttp.Answer send(String methodAndPath) {
        return RawHttp.send(server.port(), RawHttp.request(methodAndPath + " HTTP/1.1", List.of("Content-Length: 0"),
                new byte[0]));
    }
}
