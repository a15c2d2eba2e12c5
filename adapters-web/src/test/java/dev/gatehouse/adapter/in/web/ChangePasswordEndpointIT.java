package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_CREDENTIALS;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static dev.gatehouse.adapter.in.web.SessionRequests.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /users/me/password}: every outcome of the use case to its status, body and headers. */
@ServerTest
class ChangePasswordEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String JSON = "application/json";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static final List<String> BODIES = new ArrayList<>();

    private final Http1Client client;

    ChangePasswordEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void changes_the_password_and_answers_with_a_new_session_ending_every_other() {
        GATEHOUSE.addUser("changer", PASSWORD, null, null);
        JsonObject mine = logIn(client, "changer", PASSWORD);
        JsonObject other = logIn(client, "changer", PASSWORD);

        Reply reply = change(mine.getString("access_token"), body(PASSWORD, NEW_PASSWORD));

        assertEquals(200, reply.status(), reply::toString);
        JsonObject session = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "device_token"), session.keySet());
        // The caller's device, retired with every other by the change, is known again: as a cookie and as a field.
        assertTrue(reply.header(HeaderNames.SET_COOKIE).startsWith("gatehouse_device=" + session.getString("device_token")),
                reply::toString);
        assertEquals("bearer", session.getString("token_type"));
        assertEquals(900, session.getJsonNumber("expires_in").longValueExact());
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        assertEquals("no-cache", reply.header(HeaderNames.PRAGMA));
        // The new session works; every earlier token and refresh token does not; the new password logs in.
        assertEquals(200, me(client, session.getString("access_token")).status());
        me(client, mine.getString("access_token")).expect(401, INVALID_CREDENTIALS);
        me(client, other.getString("access_token")).expect(401, INVALID_CREDENTIALS);
        assertEquals(400, refresh(client, other.getString("refresh_token")).status());
        assertEquals(200, refresh(client, session.getString("refresh_token")).status());
        logIn(client, "changer", NEW_PASSWORD);
        assertEquals(401, token("username=changer&password=" + encode(PASSWORD)).status());
    }

    @Test
    void refuses_a_wrong_current_password_and_changes_nothing() {
        GATEHOUSE.addUser("wrong", PASSWORD, null, null);
        String token = logIn(client, "wrong", PASSWORD).getString("access_token");

        change(token, body("not the password", NEW_PASSWORD)).expect(400, """
                {"detail":"Incorrect password"}""");

        assertEquals(200, me(client, token).status());
        // The wrong guess started the account's login backoff: the next try waits, whichever password it brings.
        Reply throttled = change(token, body(PASSWORD, NEW_PASSWORD)).expect(429, """
                {"detail":"Too many attempts, retry later"}""");
        assertEquals("1", throttled.header(io.helidon.http.HeaderNames.RETRY_AFTER));
        GATEHOUSE.forgetFailedLogins();
        logIn(client, "wrong", PASSWORD);
    }

    @Test
    void reports_a_new_password_the_policy_rejects_as_registration_does() {
        GATEHOUSE.addUser("weak", PASSWORD, null, null);
        String token = logIn(client, "weak", PASSWORD).getString("access_token");

        Reply reply = change(token, body(PASSWORD, "short"));

        assertEquals(422, reply.status(), reply::toString);
        JsonObject entry = reply.json().getJsonArray("detail").getJsonObject(0);
        assertEquals(List.of("body", "new_password"), entry.getJsonArray("loc").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("value_error", entry.getString("type"));
        assertFalse(entry.getString("msg").isBlank());
        assertEquals(200, me(client, token).status());
    }

    @Test
    void refuses_to_change_a_password_the_directory_keeps_and_changes_nothing() {
        GATEHOUSE.addDirectoryUser("directory-kept", PASSWORD);
        String token = logIn(client, "directory-kept", PASSWORD).getString("access_token");

        change(token, body(PASSWORD, NEW_PASSWORD)).expect(400, """
                {"detail":"Password is managed by an external directory"}""");

        assertEquals(200, me(client, token).status(), "the session goes on");
        logIn(client, "directory-kept", PASSWORD);
        assertEquals(401, token("username=directory-kept&password=" + encode(NEW_PASSWORD)).status());
    }

    @Test
    void answers_400_for_an_inactive_user() {
        User inactive = GATEHOUSE.addUser("inactive", PASSWORD, null, null);
        String token = logIn(client, "inactive", PASSWORD).getString("access_token");
        GATEHOUSE.disable(inactive);

        change(token, body(PASSWORD, NEW_PASSWORD)).expect(400, """
                {"detail":"Inactive user"}""");
    }

    @Test
    void asks_for_authentication_like_the_current_user_endpoint() {
        Reply missing = Reply.of(client.post("/users/me/password").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit(body(PASSWORD, NEW_PASSWORD))).expect(401, """
                {"detail":"Not authenticated"}""");
        assertEquals("Bearer", missing.header(HeaderNames.WWW_AUTHENTICATE));

        for (String token : List.of("garbage", "a.b.c")) {
            Reply reply = change(token, body(PASSWORD, NEW_PASSWORD)).expect(401, INVALID_CREDENTIALS);
            assertEquals("Bearer error=\"invalid_token\"", reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void reads_the_body_as_strictly_as_registration() {
        GATEHOUSE.addUser("strict", PASSWORD, null, null);
        String token = logIn(client, "strict", PASSWORD).getString("access_token");

        change(token, "{}").expect(422, """
                {"detail":[{"loc":["body","current_password"],"msg":"field required","type":"value_error.missing"},
                           {"loc":["body","new_password"],"msg":"field required","type":"value_error.missing"}]}""");
        change(token, "{\"current_password\":null,\"new_password\":42}").expect(422, """
                {"detail":[{"loc":["body","current_password"],"msg":"none is not an allowed value","type":"type_error.none.not_allowed"},
                           {"loc":["body","new_password"],"msg":"str type expected","type":"type_error.str"}]}""");
        change(token, body(PASSWORD, "p".repeat(1025))).expect(422, """
                {"detail":[{"loc":["body","new_password"],"msg":"password must be at most 1024 bytes","type":"value_error"}]}""");
        change(token, "[1]").expect(422, """
                {"detail":[{"loc":["body"],"msg":"body must be a JSON object","type":"value_error.jsonobject"}]}""");
        change(token, "{\"current_password\":\"a\",\"current_password\":\"b\",\"new_password\":\"c\"}").expect(422, """
                {"detail":[{"loc":["body"],"msg":"body must be a JSON object","type":"value_error.jsonobject"}]}""");
        remember(Reply.of(authorized(token).header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("current_password=" + encode(PASSWORD) + "&new_password=" + encode(NEW_PASSWORD)))).expect(415, """
                {"detail":"Content-Type must be application/json"}""");
        change(token, "{\"pad\":\"" + "a".repeat(Requests.MAX_BODY_BYTES) + "\"}").expect(413, """
                {"detail":"Request body too large"}""");
        // Nothing above changed the password.
        assertEquals(200, me(client, token).status());
    }

    @Test
    void answers_503_with_retry_after_when_hashing_is_at_capacity() {
        TestGatehouse busy = new TestGatehouse();
        User user = busy.addUser("busy", PASSWORD, null, null);
        String token = busy.tokens.issue(user, Set.of(), SessionId.newId()).value();
        busy.hasher.saturate();

        try (RealServer server = new RealServer(busy.useCases, WebSettings.DEFAULT)) {
            byte[] json = body(PASSWORD, NEW_PASSWORD).getBytes(StandardCharsets.UTF_8);
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request("POST /users/me/password HTTP/1.1",
                    List.of("Authorization: Bearer " + token, "Content-Type: " + JSON, "Content-Length: " + json.length), json));

            assertEquals(503, answer.status(), answer::toString);
            assertEquals("{\"detail\":\"Service busy, retry later\"}", answer.body());
            assertTrue(answer.header("Retry-After").matches("[1-9][0-9]*"), answer::toString);
        }
    }

    @AfterAll
    static void no_response_ever_contained_a_password() {
        assertFalse(BODIES.isEmpty());
        for (String body : BODIES) {
            for (String password : List.of(PASSWORD, NEW_PASSWORD, "not the password", "p".repeat(1025))) {
                assertFalse(body.contains(password), body);
            }
        }
    }

    private Reply change(String token, String json) {
        return remember(Reply.of(authorized(token).header(HeaderNames.CONTENT_TYPE, JSON).submit(json)));
    }

    private Http1ClientRequest authorized(String token) {
        return client.post("/users/me/password").header(HeaderNames.AUTHORIZATION, "Bearer " + token);
    }

    private static String body(String current, String next) {
        return "{\"current_password\":\"" + current + "\",\"new_password\":\"" + next + "\"}";
    }

    private Reply token(String form) {
        return Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM).submit(form));
    }

    private static Reply remember(Reply reply) {
        BODIES.add(reply.body());
        return reply;
    }

}
