package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_CREDENTIALS;
import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_REFRESH_TOKEN;
import static dev.gatehouse.adapter.in.web.SessionRequests.NOT_AUTHENTICATED;
import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static dev.gatehouse.adapter.in.web.SessionRequests.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.domain.User;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /logout}: 204 for a valid bearer token, the tutorial's 401s otherwise; {@code everywhere} in query or form. */
@ServerTest
class LogOutEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    LogOutEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void ends_this_session_only() {
        GATEHOUSE.addUser("one", PASSWORD, null, null);
        JsonObject mine = logIn(client, "one", PASSWORD);
        JsonObject other = logIn(client, "one", PASSWORD);

        Reply reply = Reply.empty(logOut(mine.getString("access_token")).request());

        assertEquals(204, reply.status(), reply::toString);
        refresh(client, mine.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        assertEquals(200, refresh(client, other.getString("refresh_token")).status());
        assertEquals(200, me(client, other.getString("access_token")).status());
    }

    @Test
    void ends_every_session_and_stops_every_access_token_with_everywhere_in_the_query() {
        GATEHOUSE.addUser("two", PASSWORD, null, null);
        JsonObject mine = logIn(client, "two", PASSWORD);
        JsonObject other = logIn(client, "two", PASSWORD);

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).queryParam("everywhere", "true").request()).status());

        refresh(client, other.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        me(client, other.getString("access_token")).expect(401, INVALID_CREDENTIALS);
        me(client, mine.getString("access_token")).expect(401, INVALID_CREDENTIALS);
    }

    @Test
    void takes_everywhere_from_a_form_body_too_in_any_case() {
        GATEHOUSE.addUser("three", PASSWORD, null, null);
        JsonObject mine = logIn(client, "three", PASSWORD);
        JsonObject other = logIn(client, "three", PASSWORD);

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("everywhere=TRUE")).status());

        me(client, other.getString("access_token")).expect(401, INVALID_CREDENTIALS);
    }

    @Test
    void everywhere_false_ends_this_session_only() {
        GATEHOUSE.addUser("four", PASSWORD, null, null);
        JsonObject mine = logIn(client, "four", PASSWORD);
        JsonObject other = logIn(client, "four", PASSWORD);

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).queryParam("everywhere", "false").request()).status());

        assertEquals(200, me(client, other.getString("access_token")).status());
    }

    @Test
    void asks_for_authentication_without_a_bearer_token() {
        for (Http1ClientRequest request : List.of(client.post("/logout"),
                client.post("/logout").header(HeaderNames.AUTHORIZATION, "Basic am9obmRvZTpzZWNyZXQ="),
                client.post("/logout").header(HeaderNames.AUTHORIZATION, "Bearer "))) {
            Reply reply = Reply.of(request.request()).expect(401, NOT_AUTHENTICATED);
            assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void refuses_an_invalid_expired_or_outdated_token() {
        User five = GATEHOUSE.addUser("five", PASSWORD, null, null);
        String outdated = logIn(client, "five", PASSWORD).getString("access_token");
        GATEHOUSE.users.change(GATEHOUSE.users.findByUsername(five.username()).orElseThrow().id(), stored -> stored.endAllSessions());

        for (String token : List.of("garbage", "a.b.c", outdated)) {
            Reply reply = Reply.of(logOut(token).request()).expect(401, INVALID_CREDENTIALS);
            assertEquals("Bearer error=\"invalid_token\"", reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void refuses_an_everywhere_that_is_not_a_boolean_or_given_twice() {
        GATEHOUSE.addUser("six", PASSWORD, null, null);
        String token = logIn(client, "six", PASSWORD).getString("access_token");

        Reply.of(logOut(token).queryParam("everywhere", "yes").request()).expect(422, """
                {"detail":[{"loc":["query","everywhere"],"msg":"value could not be parsed to a boolean","type":"type_error.bool"}]}""");
        Reply.of(logOut(token).header(HeaderNames.CONTENT_TYPE, FORM).submit("everywhere=")).expect(422, """
                {"detail":[{"loc":["body","everywhere"],"msg":"value could not be parsed to a boolean","type":"type_error.bool"}]}""");
        Reply.of(logOut(token).queryParam("everywhere", "true").header(HeaderNames.CONTENT_TYPE, FORM).submit("everywhere=false"))
                .expect(422, """
                        {"detail":[{"loc":["query","everywhere"],"msg":"field must be given once","type":"value_error.repeated"}]}""");
        Reply.of(logOut(token).header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"everywhere\":true}"))
                .expect(415, """
                        {"detail":"Content-Type must be application/x-www-form-urlencoded"}""");
        // Still logged in: nothing above ended the session.
        assertEquals(200, me(client, token).status());
    }

    @Test
    void answers_other_methods_with_405() {
        Reply reply = Reply.of(client.get("/logout").request()).expect(405, """
                {"detail":"Method Not Allowed"}""");
        assertEquals("POST", reply.header(HeaderNames.ALLOW));
    }

    private Http1ClientRequest logOut(String token) {
        return client.post("/logout").header(HeaderNames.AUTHORIZATION, "Bearer " + token);
    }

}
