package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** With email verification off (the default), the tutorial's contract: no {@code email_verified}, no endpoints, no mail. */
@ServerTest
class EmailVerificationOffIT {

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    EmailVerificationOffIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void shows_no_verified_state_serves_no_verification_and_mails_nothing() {
        Reply registered = Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"plain\",\"password\":\"correct horse battery\",\"email\":\"plain@example.com\"}"));
        assertEquals(201, registered.status(), registered::toString);
        assertFalse(registered.json().containsKey("email_verified"));

        Reply profile = me(client, logIn(client, "plain", "correct horse battery").getString("access_token"));
        assertFalse(profile.json().containsKey("email_verified"), profile::toString);
        try (HttpClientResponse absent = client.post("/email-verification").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"account\":\"plain\"}")) {
            assertEquals(404, absent.status().code());
        }
        assertEquals(0, GATEHOUSE.resets.outbox().all().size());
    }
}
