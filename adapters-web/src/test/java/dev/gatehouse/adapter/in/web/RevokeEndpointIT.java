package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_REFRESH_TOKEN;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.AuditEvent;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /revoke} (RFC 7009): 200 and an empty body for any token, 400 without one. */
@ServerTest
class RevokeEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    RevokeEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, null, null);
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void revokes_the_session_of_a_refresh_token() {
        JsonObject session = logIn(client, "johndoe", PASSWORD);

        Reply reply = revoke("token=" + encode(session.getString("refresh_token")) + "&token_type_hint=refresh_token");

        assertEquals(200, reply.status());
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        refresh(client, session.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        assertTrue(GATEHOUSE.audit.events().stream().anyMatch(event -> event.type() == AuditEvent.Type.SESSION_REVOKED));
    }

    @Test
    void revokes_the_session_of_an_access_token_whatever_the_hint() {
        for (String hint : List.of("", "&token_type_hint=access_token", "&token_type_hint=refresh_token",
                "&token_type_hint=id_token")) {
            JsonObject session = logIn(client, "johndoe", PASSWORD);

            assertEquals(200, revoke("token=" + encode(session.getString("access_token")) + hint).status(), hint);

            refresh(client, session.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        }
    }

    @Test
    void answers_200_for_tokens_that_are_unknown_invalid_or_revoked_already() {
        JsonObject session = logIn(client, "johndoe", PASSWORD);
        String refreshToken = session.getString("refresh_token");

        for (String token : List.of("not-a-token", "a.b.c", refreshToken, refreshToken, "x".repeat(10_000))) {
            assertEquals(200, revoke("token=" + encode(token)).status());
        }
    }

    @Test
    void requires_the_token_parameter_once() {
        String missing = """
                {"detail":"Parameter token is required","error":"invalid_request",
                 "error_description":"Parameter token is required"}""";

        Reply.of(post("")).expect(400, missing);
        Reply.of(post("token=")).expect(400, missing);
        Reply.of(post("token_type_hint=access_token")).expect(400, missing);
        Reply.of(post("token=a&token=b")).expect(400, """
                {"detail":"Parameter token must not be repeated","error":"invalid_request",
                 "error_description":"Parameter token must not be repeated"}""");
        Reply.of(post("token=%zz")).expect(400, """
                {"detail":"Malformed form body","error":"invalid_request","error_description":"Malformed form body"}""");
    }

    @Test
    void reads_only_form_bodies() {
        Reply.of(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"token\":\"abc\"}"))
                .expect(415, """
                        {"detail":"Content-Type must be application/x-www-form-urlencoded"}""");
        Reply.of(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + "a".repeat(Requests.MAX_BODY_BYTES))).expect(413, """
                {"detail":"Request body too large"}""");
        Reply get = Reply.of(client.get("/revoke").request()).expect(405, """
                {"detail":"Method Not Allowed"}""");
        assertEquals("POST", get.header(HeaderNames.ALLOW));
    }

    private Reply revoke(String form) {
        return Reply.empty(post(form));
    }

    private HttpClientResponse post(String form) {
        return client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM).submit(form);
    }

}
