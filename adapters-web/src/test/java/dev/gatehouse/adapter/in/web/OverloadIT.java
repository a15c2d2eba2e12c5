package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Username;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** Password hashing at capacity: both endpoints that hash answer 503 with {@code Retry-After}, having done nothing. */
@ServerTest
class OverloadIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    OverloadIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT);
        GATEHOUSE.hasher.saturate();
    }

    @Test
    void answers_a_login_with_503_and_retry_after() {
        Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("username=johndoe&password=" + PASSWORD.replace(' ', '+'))).expect(503, """
                {"detail":"Service busy, retry later","error":"temporarily_unavailable",
                 "error_description":"Service busy, retry later"}""");

        assertEquals("1", reply.header(HeaderNames.RETRY_AFTER));
        assertNull(reply.header(HeaderNames.SET_COOKIE));
        assertNull(reply.header(HeaderNames.WWW_AUTHENTICATE));
        assertEquals(AuditEvent.Type.FLOOD_REJECTED, GATEHOUSE.audit.events().getLast().type());
    }

    @Test
    void answers_a_registration_with_503_and_retry_after() {
        Reply reply = Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")).expect(503, """
                {"detail":"Service busy, retry later"}""");

        assertEquals("1", reply.header(HeaderNames.RETRY_AFTER));
        assertTrue(GATEHOUSE.users.findByUsername(new Username("alice")).isEmpty());
    }
}
