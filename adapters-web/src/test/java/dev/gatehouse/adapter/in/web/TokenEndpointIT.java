package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_REFRESH_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.Username;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ServerTest
class TokenEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG_PASSWORD = "Tr0ub4dor&3-wrong";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String INVALID_GRANT = """
            {"detail":"Incorrect username or password","error":"invalid_grant",
             "error_description":"Incorrect username or password"}""";
    private static final String MALFORMED = """
            {"detail":"Malformed form body","error":"invalid_request","error_description":"Malformed form body"}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();
    private static final List<String> BODIES = new ArrayList<>();

    private final Http1Client client;

    TokenEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GATEHOUSE.addUser("johndoe", PASSWORD, "johndoe@example.com", "John Doe");
        // The request budgets in front of /token have tests of their own (RequestLimitsIT); these would spend them.
        GatehouseRouting.configure(routing, GATEHOUSE.useCases, WebSettings.DEFAULT.withRateLimits(RateLimits.UNLIMITED));
    }

    /** Each test starts unthrottled: wrong passwords of an earlier test would otherwise delay johndoe's login. */
    @BeforeEach
    void forgetFailedLogins() {
        GATEHOUSE.forgetFailedLogins();
    }

    @Test
    void issues_a_bearer_token_for_the_right_password() {
        Reply reply = token("username=johndoe&password=" + encode(PASSWORD));

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "device_token"), body.keySet());
        assertFalse(body.getString("refresh_token").isEmpty());
        assertEquals("bearer", body.getString("token_type"));
        assertEquals(900, body.getJsonNumber("expires_in").longValueExact());
        assertTrue(body.getJsonNumber("expires_in").isIntegral());
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        assertEquals("no-cache", reply.header(HeaderNames.PRAGMA));
        assertEquals(new Username("johndoe"),
                GATEHOUSE.tokens.verify(body.getString("access_token")).orElseThrow().subject());
    }

    @Test
    void accepts_the_password_grant_type_and_an_empty_one() {
        assertEquals(200, token("grant_type=password&username=johndoe&password=" + encode(PASSWORD)).status());
        assertEquals(200, token("grant_type=&username=johndoe&password=" + encode(PASSWORD)).status());
    }

    @Test
    void ignores_client_credentials_and_accepts_a_charset_parameter() {
        Reply reply = Reply.of(client.post("/token")
                .header(HeaderNames.CONTENT_TYPE, "Application/X-WWW-Form-URLEncoded; charset=UTF-8")
                .submit("username=johndoe&password=" + encode(PASSWORD) + "&client_id=app&client_secret=s3cr3t"));
        remember(reply);

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void ignores_client_credentials_in_http_basic_too_and_names_no_client_without_registered_clients() {
        for (String authorization : List.of("Basic " + java.util.Base64.getEncoder().encodeToString("app:s3cr3t".getBytes(StandardCharsets.UTF_8)),
                "Basic not-base64!", "Bearer whatever")) {
            Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                    .header(HeaderNames.AUTHORIZATION, authorization)
                    .submit("username=johndoe&password=" + encode(PASSWORD) + "&client_id=app&client_secret=other"));
            remember(reply);

            assertEquals(200, reply.status(), reply::toString);
            assertTrue(GATEHOUSE.tokens.verify(reply.json().getString("access_token")).orElseThrow().client().isEmpty());
        }
        JsonObject metadata = Reply.of(client.get(AuthorizationServerMetadataHttpService.PATH).request()).json();
        assertEquals(List.of("none"), metadata.getJsonArray("token_endpoint_auth_methods_supported")
                .getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void says_which_scopes_were_granted_when_some_were_requested() {
        Reply reply = token("username=johndoe&password=" + encode(PASSWORD) + "&scope=me+items+admin");

        assertEquals(200, reply.status(), reply::toString);
        // johndoe holds no role, so admin is left out; the answer says what was granted.
        assertEquals("items me", reply.json().getString("scope"), "sorted, so the same grant always reads the same");
        Reply nothingAllowed = token("username=johndoe&password=" + encode(PASSWORD) + "&scope=admin");
        // None of what was asked is granted: the empty value tells the client so.
        assertEquals("", nothingAllowed.json().getString("scope"));
    }

    @Test
    void refuses_a_wrong_password() {
        Reply reply = token("username=johndoe&password=" + encode(WRONG_PASSWORD)).expect(401, INVALID_GRANT);

        assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
        assertNull(reply.header(HeaderNames.CACHE_CONTROL));
    }

    @Test
    void refuses_an_unknown_user_exactly_like_a_wrong_password() {
        Reply reply = token("username=nobody&password=" + encode(PASSWORD)).expect(401, INVALID_GRANT);
        Reply impossibleName = token("username=" + encode("not a username!") + "&password=x").expect(401, INVALID_GRANT);

        assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
        assertEquals("Bearer", impossibleName.header(HeaderNames.WWW_AUTHENTICATE));
    }

    @Test
    void lists_every_missing_field() {
        token("").expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"field required","type":"value_error.missing"},
                           {"loc":["body","password"],"msg":"field required","type":"value_error.missing"}]}""");
        token("password=" + encode(PASSWORD)).expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"field required","type":"value_error.missing"}]}""");
        token("username=johndoe").expect(422, """
                {"detail":[{"loc":["body","password"],"msg":"field required","type":"value_error.missing"}]}""");
        token("username=&password=&grant_type=password").expect(422, """
                {"detail":[{"loc":["body","username"],"msg":"field required","type":"value_error.missing"},
                           {"loc":["body","password"],"msg":"field required","type":"value_error.missing"}]}""");
    }

    @Test
    void refuses_other_grant_types_before_looking_at_the_fields() {
        String unsupported = """
                {"detail":"Unsupported grant type","error":"unsupported_grant_type",
                 "error_description":"Only the password, refresh_token and urn:gatehouse:params:oauth:grant-type:mfa-otp grants are supported"}""";

        token("grant_type=client_credentials&username=johndoe&password=" + encode(PASSWORD)).expect(400, unsupported);
        token("grant_type=authorization_code").expect(400, unsupported);
        token("grant_type=Password&username=johndoe&password=" + encode(PASSWORD)).expect(400, unsupported);
    }

    @Test
    void refuses_other_content_types() {
        String expected = """
                {"detail":"Content-Type must be application/x-www-form-urlencoded"}""";

        remember(Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"username\":\"johndoe\",\"password\":\"" + PASSWORD + "\"}"))).expect(415, expected);
        remember(Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=x")
                .submit("--x--"))).expect(415, expected);
        remember(Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, "text/plain")
                .submit("username=johndoe&password=" + encode(PASSWORD)))).expect(415, expected);
    }

    @Test
    void refuses_a_malformed_form_body() {
        token("username=johndoe&password=%zz").expect(400, MALFORMED);
        token("username=johndoe&password=abc%4").expect(400, MALFORMED);
        token("username=johndoe&password=%C3%28").expect(400, MALFORMED);
        remember(Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit(new byte[] {'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '=', (byte) 0xC3, (byte) 0x28})))
                .expect(400, MALFORMED);
    }

    @Test
    void decodes_utf8_passwords_and_plus_signs() {
        String password = "pässwörd ✓ 𝄞+1";
        GATEHOUSE.addUser("unicode", password, null, null);

        assertEquals(200, token("username=unicode&password=" + encode(password)).status());
        // Raw UTF-8 is accepted too; '+' is a space and %2B a plus.
        assertEquals(200, token("username=unicode&password=" + password.replace("+", "%2B").replace(' ', '+')).status());
        assertEquals(401, token("username=unicode&password=" + password.replace(' ', '+')).status());
    }

    @Test
    void refuses_a_repeated_parameter() {
        token("username=johndoe&username=admin&password=" + encode(PASSWORD)).expect(400, """
                {"detail":"Parameter username must not be repeated","error":"invalid_request",
                 "error_description":"Parameter username must not be repeated"}""");
    }

    @Test
    void refuses_an_oversized_password_without_hashing_it() {
        String huge = "p".repeat(1025);
        int verificationsBefore = GATEHOUSE.hasher.verifications();

        Reply reply = token("username=johndoe&password=" + huge).expect(422, """
                {"detail":[{"loc":["body","password"],"msg":"password must be at most 1024 bytes","type":"value_error"}]}""");

        assertFalse(reply.body().contains(huge));
        assertEquals(verificationsBefore, GATEHOUSE.hasher.verifications());
        // The limit is in bytes: 342 three-byte characters are 1026 bytes.
        token("username=johndoe&password=" + encode("€".repeat(342))).expect(422, """
                {"detail":[{"loc":["body","password"],"msg":"password must be at most 1024 bytes","type":"value_error"}]}""");
    }

    @Test
    void refuses_an_invalid_scope() {
        Reply reply = token("username=johndoe&password=" + encode(PASSWORD) + "&scope=" + encode("me \"admin\""));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("Invalid scope", reply.json().getString("detail"));
        assertEquals("invalid_scope", reply.json().getString("error"));
        assertTrue(reply.json().containsKey("error_description"));
    }

    @Test
    void refuses_a_body_larger_than_the_limit() {
        token("username=johndoe&password=x&pad=" + "a".repeat(Requests.MAX_BODY_BYTES)).expect(413, """
                {"detail":"Request body too large"}""");
    }

    @Test
    void answers_other_methods_with_405() {
        Reply get = remember(Reply.of(client.get("/token").request())).expect(405, """
                {"detail":"Method Not Allowed"}""");
        remember(Reply.of(client.put("/token").header(HeaderNames.CONTENT_TYPE, FORM).submit("username=johndoe")))
                .expect(405, """
                        {"detail":"Method Not Allowed"}""");

        assertEquals("POST", get.header(HeaderNames.ALLOW));
    }

    // ---- grant_type=refresh_token

    @Test
    void exchanges_a_refresh_token_for_a_new_access_token_and_the_next_refresh_token() {
        JsonObject login = token("username=johndoe&password=" + encode(PASSWORD)).json();

        Reply reply = refresh("refresh_token=" + encode(login.getString("refresh_token")));

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token"), body.keySet());
        assertEquals("bearer", body.getString("token_type"));
        assertEquals(900, body.getJsonNumber("expires_in").longValueExact());
        assertNotEquals(login.getString("refresh_token"), body.getString("refresh_token"));
        assertNotEquals(login.getString("access_token"), body.getString("access_token"));
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        assertEquals("no-cache", reply.header(HeaderNames.PRAGMA));
        assertNull(reply.header(HeaderNames.SET_COOKIE), "a refresh is no login: no device cookie");
        var claims = GATEHOUSE.tokens.verify(body.getString("access_token")).orElseThrow();
        assertEquals(new Username("johndoe"), claims.subject());
        assertEquals(GATEHOUSE.tokens.verify(login.getString("access_token")).orElseThrow().session(), claims.session());
        // The next refresh token works in turn.
        assertEquals(200, refresh("refresh_token=" + encode(body.getString("refresh_token"))).status());
    }

    @Test
    void refuses_an_unknown_or_used_refresh_token_with_invalid_grant() {
        String first = token("username=johndoe&password=" + encode(PASSWORD)).json().getString("refresh_token");
        String second = refresh("refresh_token=" + encode(first)).json().getString("refresh_token");
        GATEHOUSE.clock.advance(Duration.ofMinutes(1)); // past the grace for a lost answer

        for (String presented : List.of("not-a-refresh-token", first, second)) {
            Reply reply = refresh("refresh_token=" + encode(presented)).expect(400, INVALID_REFRESH_TOKEN);
            assertNull(reply.header(HeaderNames.WWW_AUTHENTICATE));
        }
    }

    @Test
    void answers_429_once_a_session_has_refreshed_thirty_times_in_a_minute_and_spends_nothing() {
        String refreshToken = token("username=johndoe&password=" + encode(PASSWORD)).json().getString("refresh_token");
        for (int i = 0; i < 30; i++) {
            Reply renewed = refresh("refresh_token=" + encode(refreshToken));
            assertEquals(200, renewed.status(), () -> "refresh " + renewed);
            refreshToken = renewed.json().getString("refresh_token");
        }

        Reply refused = refresh("refresh_token=" + encode(refreshToken)).expect(429, """
                {"detail":"Too many requests, retry later","error":"temporarily_unavailable",
                 "error_description":"This session refreshes too often"}""");
        assertTrue(Long.parseLong(refused.header(HeaderNames.RETRY_AFTER)) >= 1, refused::toString);

        // The refused refresh token was not used up: after the wait it renews the session.
        GATEHOUSE.clock.advance(Duration.ofSeconds(Long.parseLong(refused.header(HeaderNames.RETRY_AFTER))));
        assertEquals(200, refresh("refresh_token=" + encode(refreshToken)).status());
    }

    @Test
    void refuses_a_refresh_token_after_its_session_was_revoked() {
        JsonObject login = token("username=johndoe&password=" + encode(PASSWORD)).json();
        Reply.empty(client.post("/revoke").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + encode(login.getString("refresh_token"))));

        refresh("refresh_token=" + encode(login.getString("refresh_token"))).expect(400, INVALID_REFRESH_TOKEN);
    }

    @Test
    void narrows_the_scope_on_request_and_refuses_a_broader_one_with_invalid_scope() {
        String refreshToken = token("username=johndoe&password=" + encode(PASSWORD)).json().getString("refresh_token");

        // The session holds no scopes: asking for one is asking for more.
        refresh("refresh_token=" + encode(refreshToken) + "&scope=admin").expect(400, """
                {"detail":"Invalid scope","error":"invalid_scope",
                 "error_description":"The requested scope exceeds the scope of the session"}""");
        Reply blank = refresh("refresh_token=" + encode(refreshToken) + "&scope=+");
        assertEquals(200, blank.status(), blank::toString);
        assertFalse(blank.json().containsKey("scope"), "a blank scope asks for nothing narrower");
        Reply malformed = refresh("refresh_token=x&scope=" + encode("me \"admin\""));
        assertEquals(400, malformed.status(), malformed::toString);
        assertEquals("invalid_scope", malformed.json().getString("error"));
    }

    @Test
    void requires_the_refresh_token_parameter_once() {
        String missing = """
                {"detail":"Parameter refresh_token is required","error":"invalid_request",
                 "error_description":"Parameter refresh_token is required"}""";
        refresh("").expect(400, missing);
        refresh("refresh_token=").expect(400, missing);
        refresh("refresh_token=a&refresh_token=b").expect(400, """
                {"detail":"Parameter refresh_token must not be repeated","error":"invalid_request",
                 "error_description":"Parameter refresh_token must not be repeated"}""");
        token("grant_type=refresh_token&grant_type=password&refresh_token=a").expect(400, """
                {"detail":"Parameter grant_type must not be repeated","error":"invalid_request",
                 "error_description":"Parameter grant_type must not be repeated"}""");
    }

    @Test
    void keeps_the_password_grant_answer_for_username_and_password_sent_with_the_refresh_grant() {
        // The grant type decides; username and password are not looked at, so they cannot log anybody in.
        refresh("username=johndoe&password=" + encode(PASSWORD)).expect(400, """
                {"detail":"Parameter refresh_token is required","error":"invalid_request",
                 "error_description":"Parameter refresh_token is required"}""");
    }

    @AfterAll
    static void no_response_ever_contained_a_password() {
        assertFalse(BODIES.isEmpty());
        for (String body : BODIES) {
            for (String password : List.of(PASSWORD, WRONG_PASSWORD, encode(PASSWORD), "s3cr3t", "pässwörd")) {
                assertFalse(body.contains(password), body);
            }
        }
    }

    private Reply refresh(String form) {
        return token("grant_type=refresh_token" + (form.isEmpty() ? "" : "&" + form));
    }

    private Reply token(String form) {
        return remember(Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM).submit(form)));
    }

    private static Reply remember(Reply reply) {
        BODIES.add(reply.body());
        return reply;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
