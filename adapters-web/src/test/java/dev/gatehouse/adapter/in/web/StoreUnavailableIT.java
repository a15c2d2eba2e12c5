package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A database that cannot be reached is "try again shortly" (503), never a 500 or a stack trace. */
@ServerTest
class StoreUnavailableIT {

    private static final StoreUnavailableException DOWN = new StoreUnavailableException("the database cannot be reached",
            new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"));

    private final Http1Client client;

    StoreUnavailableIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, ThrowingUseCases.throwing(() -> DOWN));
    }

    @Test
    void answers_503_with_retry_after_on_every_endpoint() {
        assertUnavailable(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("username=johndoe&password=secret"));
        assertUnavailable(client.post("/users/").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"jane\",\"password\":\"correct horse battery\"}"));
        assertUnavailable(client.get("/users/me").header(HeaderNames.AUTHORIZATION, "Bearer abc").request());
        assertUnavailable(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("grant_type=refresh_token&refresh_token=abc"));
        assertUnavailable(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("token=abc"));
        assertUnavailable(client.post("/logout").header(HeaderNames.AUTHORIZATION, "Bearer abc").request());
        assertUnavailable(client.post("/users/me/password").header(HeaderNames.AUTHORIZATION, "Bearer abc")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"current_password\":\"secret-one\",\"new_password\":\"secret-two\"}"));
    }

    private static void assertUnavailable(HttpClientResponse response) {
        try (response) {
            assertEquals(503, response.status().code());
            assertEquals("2", response.headers().first(HeaderNames.RETRY_AFTER).orElseThrow());
            assertEquals("{\"detail\":\"Service temporarily unavailable\"}", response.as(String.class));
        }
    }
}
