package dev.gatehouse.adapter.in.web;

import dev.gatehouse.adapter.out.security.JwtSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@ServerTest
class UsersEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NOT_AUTHENTICATED = """
            {"detail":"Not authenticated"}""";
    private static final String INVALID_CREDENTIALS = """
            {"detail":"Could not validate credentials"}""";
    private static final String NOT_AN_OBJECT = """
            {"detail":[{"loc":["body"],"msg":"body must be a JSON object","type":"value_error.jsonobject"}]}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static final List<String> BODIES = new ArrayList<>();

    private final Http1Client client;
    private final Http1Client closed;

    UsersEndpointIT(Http1Client client, @Socket("closed") Http1Client closed) {
        this.client = client;
        this.closed = closed;
    }

    @SetUpRoute("closed")
    static void closedRouting(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withRegistration(false));
    }

    @Test
    void closed_registration_answers_403_and_creates_nothing() {
        int events = GATEHOUSE.audit.events().size();
        for (String path : List.of("/users", "/users/")) {
            Reply.of(closed.post(path).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .submit("{\"username\":\"uninvited\",\"password\":\"" + PASSWORD + "\"}"))
                    .expect(403, """
                            {"detail":"Registration is closed"}""");
        }
        assertTrue(GATEHOUSE.users.findByUsername(new Username("uninvited")).isEmpty());
        assertEquals(events, GATEHOUSE.audit.events().size(), "nothing ran");
        assertEquals(200, Reply.of(closed.post("/token").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("username=johndoe&password=" + PASSWORD.replace(' ', '+'))).status(), "logins go on");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, "johndoe@example.com", "John Doe");
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withRateLimits(RateLimits.UNLIMITED));
    }

    // ---- GET /users/me

    @Test
    void shows_the_current_user_with_and_without_trailing_slash() {
        String token = logIn("johndoe", PASSWORD);
        String johnDoe = """
                {"username":"johndoe","email":"johndoe@example.com","full_name":"John Doe","disabled":false}""";

        for (String path : List.of("/users/me", "/users/me/")) {
            Reply reply = me(path, "Bearer " + token).expect(200, johnDoe);
            assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL), path);
        }
    }

    @Test
    void shows_absent_profile_fields_as_null() {
        GATEHOUSE.addUser("plain", PASSWORD, null, null);

        me("/users/me", "Bearer " + logIn("plain", PASSWORD)).expect(200, """
                {"username":"plain","email":null,"full_name":null,"disabled":false}""");
    }

    @Test
    void accepts_the_bearer_scheme_in_any_case() {
        String token = logIn("johndoe", PASSWORD);

        assertEquals(200, me("/users/me", "bearer " + token).status());
        assertEquals(200, me("/users/me", "BEARER  " + token).status());
    }

    @Test
    void asks_for_authentication_without_a_bearer_token() {
        String token = logIn("johndoe", PASSWORD);
        List<Reply> replies = List.of(
                remember(Reply.of(client.get("/users/me").request())),
                remember(Reply.of(client.get("/users/me/").request())),
                me("/users/me", "Basic am9obmRvZTpzZWNyZXQ="),
                me("/users/me", "Token " + token),
                me("/users/me", token),
                me("/users/me", "Bearer"),
                me("/users/me", "Bearer   "),
                me("/users/me", ""));

        for (Reply reply : replies) {
            reply.expect(401, NOT_AUTHENTICATED);
            assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void refuses_garbage_and_tampered_tokens() {
        String token = logIn("johndoe", PASSWORD);
        String[] parts = token.split("\\.");
        String otherPayload = GATEHOUSE.tokens.issue(someone("alice"), Set.of(), SessionId.newId()).value().split("\\.")[1];

        for (String bad : List.of("garbage", "a.b.c", token + "x", token.substring(0, token.length() - 2),
                parts[0] + "." + otherPayload + "." + parts[2], "eyJhbGciOiJub25lIn0.e30.")) {
            expectInvalidToken(me("/users/me", "Bearer " + bad));
        }
    }

    @Test
    void refuses_an_expired_token() {
        String token = logIn("johndoe", PASSWORD);

        GATEHOUSE.clock.advance(JwtSettings.DEFAULT_LIFETIME.plus(Duration.ofMinutes(1)));

        expectInvalidToken(me("/users/me", "Bearer " + token));
    }

    @Test
    void refuses_a_genuine_token_of_a_user_who_does_not_exist() {
        String token = GATEHOUSE.tokens.issue(someone("ghost"), Set.of(), SessionId.newId()).value();

        expectInvalidToken(me("/users/me", "Bearer " + token));
    }

    @Test
    void answers_400_for_an_inactive_user() {
        User inactive = GATEHOUSE.addUser("inactive", PASSWORD, null, null);
        String token = logIn("inactive", PASSWORD);

        GATEHOUSE.disable(inactive);

        me("/users/me", "Bearer " + token).expect(400, """
                {"detail":"Inactive user"}""");
        me("/users/me/", "Bearer " + token).expect(400, """
                {"detail":"Inactive user"}""");
    }

    // ---- POST /users

    @Test
    void registers_a_user_and_shows_no_hash() {
        Reply reply = register("/users", """
                {"username":"alice","password":"%s","email":"alice@example.com","full_name":"Alice Liddell"}"""
                .formatted(PASSWORD)).expect(201, """
                {"username":"alice","email":"alice@example.com","full_name":"Alice Liddell","disabled":false}""");

        assertFalse(reply.body().contains("$test-sha256$"));
        assertNull(reply.header(HeaderNames.LOCATION));
        assertEquals(200, me("/users/me", "Bearer " + logIn("alice", PASSWORD)).status());
    }

    @Test
    void registers_on_the_trailing_slash_path_and_without_profile_fields() {
        register("/users/", """
                {"username":"bob","password":"%s","email":null}""".formatted(PASSWORD)).expect(201, """
                {"username":"bob","email":null,"full_name":null,"disabled":false}""");
    }

    @Test
    void refuses_a_username_taken_in_another_case() {
        register("/users", """
                {"username":"JohnDoe","password":"%s"}""".formatted(PASSWORD)).expect(409, """
                {"detail":"Username already registered"}""");
    }

    @Test
    void lists_every_missing_field() {
        register("/users", "{}").expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"field required","type":"value_error.missing"},
                           {"loc":["body","password"],"msg":"field required","type":"value_error.missing"}]}""");
        register("/users", """
                {"username":null,"password":"%s"}""".formatted(PASSWORD)).expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"none is not an allowed value",
                            "type":"type_error.none.not_allowed"}]}""");
    }

    @Test
    void lists_every_field_of_the_wrong_type() {
        register("/users", """
                {"username":123,"password":true,"email":["a@b.c"],"full_name":{"first":"A"}}""").expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"str type expected","type":"type_error.str"},
                           {"loc":["body","password"],"msg":"str type expected","type":"type_error.str"},
                           {"loc":["body","email"],"msg":"str type expected","type":"type_error.str"},
                           {"loc":["body","full_name"],"msg":"str type expected","type":"type_error.str"}]}""");
    }

    @Test
    void lists_every_invalid_value_with_the_domain_reason() {
        register("/users", """
                {"username":"no spaces allowed","password":"","email":"not-an-email","full_name":"   "}""")
                .expect(422, """
                {"detail":[{"loc":["body","username"],"type":"value_error",
                            "msg":"username may contain only letters, digits and . _ - @ + and must start with a letter or digit"},
                           {"loc":["body","password"],"msg":"password must not be empty","type":"value_error"},
                           {"loc":["body","email"],"msg":"email is not a valid address","type":"value_error"},
                           {"loc":["body","full_name"],"msg":"full name must not be blank","type":"value_error"}]}""");
    }

    @Test
    void relays_a_rejected_password() {
        register("/users", """
                {"username":"shorty","password":"short"}""").expect(422, """
                {"detail":[{"loc":["body","password"],"msg":"password must be at least 8 characters","type":"value_error"}]}""");
        register("/users", """
                {"username":"longy","password":"%s"}""".formatted("p".repeat(1025))).expect(422, """
                {"detail":[{"loc":["body","password"],"msg":"password must be at most 1024 bytes","type":"value_error"}]}""");
    }

    @Test
    void ignores_fields_a_client_may_not_set() {
        register("/users", """
                {"username":"mallory","password":"%s","disabled":true,"hashed_password":"$plain$x",
                 "id":"00000000-0000-0000-0000-000000000000","scopes":["admin"]}""".formatted(PASSWORD))
                .expect(201, """
                {"username":"mallory","email":null,"full_name":null,"disabled":false}""");

        assertFalse(GATEHOUSE.users.findByUsername(new Username("mallory")).orElseThrow().isDisabled());
        assertEquals(200, me("/users/me", "Bearer " + logIn("mallory", PASSWORD)).status());
    }

    @Test
    void refuses_bodies_that_are_not_one_json_object() {
        for (String body : List.of("", "{", "[]", "\"alice\"", "null", "{\"username\":\"a\"} {}",
                "{\"username\":\"dup1\",\"username\":\"dup2\",\"password\":\"" + PASSWORD + "\"}")) {
            register("/users", body).expect(422, NOT_AN_OBJECT);
        }
        remember(Reply.of(json(client.post("/users")).submit(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})))
                .expect(422, NOT_AN_OBJECT);
    }

    @Test
    void refuses_other_content_types() {
        String expected = """
                {"detail":"Content-Type must be application/json"}""";

        remember(Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("username=eve&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))))
                .expect(415, expected);
        remember(Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, "text/plain")
                .submit("{\"username\":\"eve\"}"))).expect(415, expected);
        assertTrue(GATEHOUSE.users.findByUsername(new Username("eve")).isEmpty());
    }

    @Test
    void accepts_json_with_a_charset_parameter() {
        Reply reply = remember(Reply.of(client.post("/users")
                .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .submit("{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\"}")));

        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void answers_other_methods_with_405() {
        Reply users = remember(Reply.of(client.get("/users").request())).expect(405, """
                {"detail":"Method Not Allowed"}""");
        Reply me = remember(Reply.of(client.delete("/users/me").request())).expect(405, """
                {"detail":"Method Not Allowed"}""");
        remember(Reply.of(json(client.post("/users/me")).submit("{}"))).expect(405, """
                {"detail":"Method Not Allowed"}""");

        assertEquals("POST", users.header(HeaderNames.ALLOW));
        assertEquals("GET", me.header(HeaderNames.ALLOW));
    }

    @AfterAll
    static void no_response_ever_contained_a_password() {
        assertFalse(BODIES.isEmpty());
        for (String body : BODIES) {
            assertFalse(body.contains(PASSWORD), body);
            assertFalse(body.contains("p".repeat(100)), body);
            assertFalse(body.contains("short\""), body);
        }
    }

    private String logIn(String username, String password) {
        Reply reply = remember(Reply.of(client.post("/token")
                .header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getString("access_token");
    }

    private Reply me(String path, String authorization) {
        return remember(Reply.of(client.get(path).header(HeaderNames.AUTHORIZATION, authorization).request()));
    }

    private Reply register(String path, String body) {
        return remember(Reply.of(json(client.post(path)).submit(body)));
    }

    private static Http1ClientRequest json(Http1ClientRequest request) {
        return request.header(HeaderNames.CONTENT_TYPE, "application/json");
    }

    private static void expectInvalidToken(Reply reply) {
        reply.expect(401, INVALID_CREDENTIALS);
        assertEquals("Bearer error=\"invalid_token\"", reply.header(HeaderNames.WWW_AUTHENTICATE));
    }

    private static Reply remember(Reply reply) {
        BODIES.add(reply.body());
        return reply;
    }

    private static User someone(String username) {
        return User.register(new Username(username), new PasswordHash("$test$hash"), null, null, GATEHOUSE.clock.instant());
    }
}
