package dev.gatehouse.adapter.in.web;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes of the {@link RoutedService}s, registered so that finding a request's route is a hash lookup. Helidon
 * tries routes one after another, and a service registered on its own is a nested walk (a crawler and a copied
 * prologue each): a request for the last service tried every route before it, 17.5 % of a paced
 * {@code /health/live}'s CPU (bench/README.md, "The paced tail's floor"). So every exact path shares one route,
 * whose matcher looks the path up and whose handler picks the method; the templated paths
 * ({@code /admin/users/{username}}) follow as ordinary routes, each service's with the 405 for its paths. A listed
 * path answers any other method with 405 and {@code Allow}; paths nobody listed stay 404.
 */
final class RouteTable {

    private final Map<String, ExactPath> exact;
    private final List<List<Route>> templatedByService;
    private final Set<String> templates;

    private RouteTable(Map<String, ExactPath> exact, List<List<Route>> templatedByService) {
        this.exact = Map.copyOf(exact);
        this.templatedByService = List.copyOf(templatedByService);
        Set<String> templates = new LinkedHashSet<>();
        templatedByService.forEach(routes -> routes.forEach(route -> templates.add(route.endpoint().path())));
        this.templates = Set.copyOf(templates);
    }

    /**
     * The table of {@code services}' routes. Refuses a method listed twice on one path, and a template that would
     * match an exact path (the exact path would win here, the template in Helidon's order).
     */
    static RouteTable of(List<? extends RoutedService> services) {
        Map<String, List<Route>> exactRoutes = new LinkedHashMap<>();
        List<List<Route>> templatedByService = new ArrayList<>();
        Set<Endpoint> seen = new LinkedHashSet<>();
        for (RoutedService service : services) {
            List<Route> templated = new ArrayList<>();
            for (Route route : service.routes()) {
                if (!seen.add(route.endpoint())) {
                    throw new IllegalArgumentException("Served twice: " + route.endpoint());
                }
                if (route.endpoint().templated()) {
                    templated.add(route);
                } else {
                    exactRoutes.computeIfAbsent(route.endpoint().path(), path -> new ArrayList<>()).add(route);
                }
            }
            templatedByService.add(List.copyOf(templated));
        }
        for (List<Route> templated : templatedByService) {
            for (Route route : templated) {
                PathMatcher template = PathMatchers.create(route.endpoint().path());
                exactRoutes.keySet().stream().filter(path -> template.match(UriPath.create(path)).accepted()).findFirst()
                        .ifPresent(path -> {
                            throw new IllegalArgumentException(route.endpoint().path() + " would match " + path);
                        });
            }
        }
        Map<String, ExactPath> exact = new HashMap<>();
        exactRoutes.forEach((path, routes) -> exact.put(path, new ExactPath(path, routes)));
        return new RouteTable(exact, templatedByService);
    }

    /** Registers the exact paths' route, then the templated routes, on {@code rules}. */
    void registerOn(HttpRules rules) {
        rules.route(HttpRoute.builder().path(new ExactPathLookup()).handler(this::dispatch).build());
        for (List<Route> service : templatedByService) {
            Map<String, List<Route>> byPath = new LinkedHashMap<>();
            for (Route route : service) {
                rules.route(route.endpoint().method(), route.endpoint().path(), route.handler());
                byPath.computeIfAbsent(route.endpoint().path(), path -> new ArrayList<>()).add(route);
            }
            byPath.forEach((path, routes) -> rules.any(path, MethodNotAllowed.allowing(routes)));
        }
    }

    /**
     * The route that served {@code request}, as listed (the template, not the path sent); empty when routing found
     * none (an unknown path, or an answer a filter gave before routing).
     */
    Optional<String> routeOf(ServerRequest request) {
        return request.matchingPattern().flatMap(pattern -> templates.contains(pattern) ? Optional.of(pattern)
                : Optional.ofNullable(lookUp(request.prologue().uriPath())).map(ExactPath::path));
    }

    private void dispatch(ServerRequest request, ServerResponse response) throws Exception {
        // Helidon's match result cannot carry the entry the matcher found, so look again: the path's hash is cached.
        lookUp(request.prologue().uriPath()).handle(request, response);
    }

    /** The exact path {@code path} names, as sent or decoded: what Helidon's exact matcher accepts, in its order. */
    private ExactPath lookUp(UriPath path) {
        ExactPath found = exact.get(path.rawPath());
        return found != null ? found : exact.get(path.path());
    }

    /** Matches the paths of the table; Helidon's own exact matcher builds the result, so the routed path is its. */
    private final class ExactPathLookup implements PathMatcher {

        @Override
        public PathMatchers.MatchResult match(UriPath path) {
            ExactPath found = lookUp(path);
            return found == null ? PathMatchers.MatchResult.notAccepted() : found.matcher().match(path);
        }

        @Override
        public PathMatchers.PrefixMatchResult prefixMatch(UriPath path) {
            // Registered as a route, never as a service's prefix.
            return PathMatchers.PrefixMatchResult.notAccepted();
        }

        @Override
        public String toString() {
            return "exact: " + exact.keySet();
        }
    }

    /** One exact path: its handlers by method, and 405 naming them for any other method. */
    private record ExactPath(String path, PathMatcher matcher, List<Route> routes, MethodNotAllowed notAllowed) {

        ExactPath(String path, List<Route> routes) {
            this(path, PathMatchers.exact(path), List.copyOf(routes), MethodNotAllowed.allowing(routes));
        }

        void handle(ServerRequest request, ServerResponse response) throws Exception {
            Method method = request.prologue().method();
            for (Route route : routes) {
                if (route.endpoint().method().equals(method)) {
                    route.handler().handle(request, response);
                    return;
                }
            }
            notAllowed.handle(request, response);
        }
    }
}
