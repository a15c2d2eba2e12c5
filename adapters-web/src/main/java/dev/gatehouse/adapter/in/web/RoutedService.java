package dev.gatehouse.adapter.in.web;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An HTTP resource that lists its routes, with full paths. The one list registers the handlers and tells tests
 * what is served, so the OpenAPI document can be checked against it. Every other method on a listed path gets
 * 405 with {@code Allow}; paths nobody listed stay 404. Registered on the routing without a prefix.
 */
interface RoutedService extends HttpService {

    List<Route> routes();

    @Override
    default void routing(HttpRules rules) {
        Map<String, TreeSet<String>> allowed = new LinkedHashMap<>();
        for (Route route : routes()) {
            Endpoint endpoint = route.endpoint();
            rules.route(endpoint.method(), endpoint.path(), route.handler());
            allowed.computeIfAbsent(endpoint.path(), path -> new TreeSet<>()).add(endpoint.method().text());
        }
        allowed.forEach((path, methods) -> rules.any(path, new MethodNotAllowed(String.join(", ", methods))));
    }

    /** The endpoints of {@code services}, in registration order. */
    static List<Endpoint> endpoints(List<? extends RoutedService> services) {
        return services.stream().flatMap(service -> service.routes().stream()).map(Route::endpoint).toList();
    }
}
