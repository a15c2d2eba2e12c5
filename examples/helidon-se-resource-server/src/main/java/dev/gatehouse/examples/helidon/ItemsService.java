package dev.gatehouse.examples.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.security.Grant;
import io.helidon.security.SecurityContext;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.security.SecurityFeature;
import java.util.List;

/** The FastAPI tutorial's routes: who am I ({@code /users/me}), and my items (needs the {@code items} scope). */
final class ItemsService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me", SecurityFeature.authenticate(), this::me)
                .get("/users/me/items/", SecurityFeature.authenticate(), this::myItems);
    }

    private void me(ServerRequest request, ServerResponse response) {
        json(response, "{\"username\":\"" + username(request) + "\"}");
    }

    private void myItems(ServerRequest request, ServerResponse response) {
        if (!scopes(request).contains("items")) {
            // RFC 6750 section 3.1: a valid token without the scope the route needs.
            response.status(Status.FORBIDDEN_403)
                    .header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"items\"");
            json(response, "{\"detail\":\"Not enough permissions\"}");
            return;
        }
        json(response, "[{\"item_id\":\"Foo\",\"owner\":\"" + username(request) + "\"}]");
    }

    /** The scopes of the token: Helidon's JWT provider makes each one a grant of type "scope". */
    private static List<String> scopes(ServerRequest request) {
        return request.context().get(SecurityContext.class).flatMap(SecurityContext::user)
                .map(user -> user.grantsByType("scope").stream().map(Grant::getName).toList())
                .orElse(List.of());
    }

    private static String username(ServerRequest request) {
        // Gatehouse's usernames are [A-Za-z0-9._-]: nothing to escape in JSON.
        return request.context().get(SecurityContext.class).flatMap(SecurityContext::user)
                .map(user -> user.principal().getName()).orElseThrow();
    }

    private static void json(ServerResponse response, String body) {
        response.header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }
}
