package dev.gatehouse.adapter.in.web;

import java.util.List;

/**
 * An HTTP resource that lists its routes, with full paths. The one list registers the handlers (through
 * {@link RouteTable}) and tells tests what is served, so the OpenAPI document can be checked against it.
 */
interface RoutedService {

    List<Route> routes();

    /** The endpoints of {@code services}, in registration order. */
    static List<Endpoint> endpoints(List<? extends RoutedService> services) {
        return services.stream().flatMap(service -> service.routes().stream()).map(Route::endpoint).toList();
    }
}
