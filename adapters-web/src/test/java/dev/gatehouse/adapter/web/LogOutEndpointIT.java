package dev.gatehouse.adapter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.domain.User;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /logout}: 204 for a valid bearer token, the tutorial's 401s otherwise; {@code everywhere} in query or form. */
@ServerTest
class LogOutEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String NOT_AUTHENTICATED = """
            {"detail":"Not authenticated"}""";
    private static final String INVALID_CREDENTIALS = """
            {"detail":"Could not validate credentials"}""";
    private static final String INVALID_REFRESH_TOKEN = """
            {"detail":"Invalid refresh token","error":"invalid_grant",
             "error_description":"The refresh token is invalid, expired, revoked or already used"}""";

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
        JsonObject mine = logIn("one");
        JsonObject other = logIn("one");

        Reply reply = Reply.empty(logOut(mine.getString("access_token")).request());

        assertEquals(204, reply.status(), reply::toString);
        refresh(mine.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        assertEquals(200, refresh(other.getString("refresh_token")).status());
        assertEquals(200, me(other.getString("access_token")).status());
    }

    @Test
    void ends_every_session_and_stops_every_access_token_with_everywhere_in_the_query() {
        GATEHOUSE.addUser("two", PASSWORD, null, null);
        JsonObject mine = logIn("two");
        JsonObject other = logIn("two");

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).queryParam("everywhere", "true").request()).status());

        refresh(other.getString("refresh_token")).expect(400, INVALID_REFRESH_TOKEN);
        me(other.getString("access_token")).expect(401, INVALID_CREDENTIALS);
        me(mine.getString("access_token")).expect(401, INVALID_CREDENTIALS);
    }

    @Test
    void takes_everywhere_from_a_form_body_too_in_any_case() {
        GATEHOUSE.addUser("three", PASSWORD, null, null);
        JsonObject mine = logIn("three");
        JsonObject other = logIn("three");

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("everywhere=TRUE")).status());

        me(other.getString("access_token")).expect(401, INVALID_CREDENTIALS);
    }

    @Test
    void everywhere_false_ends_this_session_only() {
        GATEHOUSE.addUser("four", PASSWORD, null, null);
        JsonObject mine = logIn("four");
        JsonObject other = logIn("four");

        assertEquals(204, Reply.empty(logOut(mine.getString("access_token")).queryParam("everywhere", "false").request()).status());

        assertEquals(200, me(other.getString("access_token")).status());
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
        String outdated = logIn("five").getString("access_token");
        GATEHOUSE.users.update(GATEHOUSE.users.findByUsername(five.username()).orElseThrow().endAllSessions());

        for (String token : List.of("garbage", "a.b.c", outdated)) {
            Reply reply = Reply.of(logOut(token).request()).expect(401, INVALID_CREDENTIALS);
            assertEquals("Bearer error=\"invalid_token\"", reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void refuses_an_everywhere_that_is_not_a_boolean_or_given_twice() {
        GATEHOUSE.addUser("six", PASSWORD, null, null);
        String token = logIn("six").getString("access_token");

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
        assertEquals(200, me(token).status());
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

    private JsonObject logIn(String username) {
        Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + username + "&password=" + encode(PASSWORD)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private Reply refresh(String refreshToken) {
        return Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("grant_type=refresh_token&refresh_token=" + encode(refreshToken)));
    }

    private Reply me(String token) {
        return Reply.of(client.get("/users/me").header(HeaderNames.AUTHORIZATION, "Bearer " + token).request());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
