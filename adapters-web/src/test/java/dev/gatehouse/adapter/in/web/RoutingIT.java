package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The central error mapping: unknown paths, and failures nobody expected. */
@ServerTest
class RoutingIT {

    private static final String SECRET_DETAIL = "connection string jdbc:postgresql://db/secret";

    private final Http1Client client;

    RoutingIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        WebUseCases failing = new WebUseCases(
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                command -> {
                    throw new OutOfMemoryError(SECRET_DETAIL);
                },
                query -> {
                    throw new UnsupportedOperationException(SECRET_DETAIL);
                },
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                List::of,
                ThrowingUseCases.administration(() -> new IllegalStateException(SECRET_DETAIL)),
                command -> {
                    throw new IllegalStateException(SECRET_DETAIL);
                },
                ThrowingUseCases.passwordReset(() -> new IllegalStateException(SECRET_DETAIL)));
        GatehouseRouting.configure(routing, failing);
    }

    @Test
    void answers_unknown_paths_with_404() {
        for (String path : List.of("/", "/nope", "/token/extra", "/users/me/extra", "/users/123", "/docs")) {
            Reply.of(client.get(path).request()).expect(404, """
                    {"detail":"Not Found"}""");
        }
        Reply.of(client.post("/nothing-here").header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}"))
                .expect(404, """
                        {"detail":"Not Found"}""");
    }

    @Test
    void answers_head_without_a_body() {
        Reply reply = Reply.of(client.head("/users/me").request());

        assertEquals(405, reply.status());
        assertEquals("GET", reply.header(HeaderNames.ALLOW));
        assertEquals("", reply.body());
    }

    @Test
    void hides_unexpected_failures_behind_a_plain_500() {
        List<Reply> replies = List.of(
                Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .submit("username=johndoe&password=whatever1")),
                Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                        .submit("{\"username\":\"alice\",\"password\":\"whatever1\"}")),
                Reply.of(client.get("/users/me").header(HeaderNames.AUTHORIZATION, "Bearer abc").request()),
                Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .submit("grant_type=refresh_token&refresh_token=abc")),
                Reply.of(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .submit("token=abc")),
                Reply.of(client.post("/logout").header(HeaderNames.AUTHORIZATION, "Bearer abc").request()),
                Reply.of(client.post("/users/me/password").header(HeaderNames.AUTHORIZATION, "Bearer abc")
                        .header(HeaderNames.CONTENT_TYPE, "application/json")
                        .submit("{\"current_password\":\"whatever1\",\"new_password\":\"whatever2\"}")));

        for (Reply reply : replies) {
            reply.expect(500, """
                    {"detail":"Internal server error"}""");
            assertFalse(reply.body().contains("secret"));
            assertFalse(reply.body().contains("Exception"));
        }
    }
}
