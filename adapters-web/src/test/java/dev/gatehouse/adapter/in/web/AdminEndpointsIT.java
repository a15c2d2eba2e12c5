package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.FORM;
import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_CREDENTIALS;
import static dev.gatehouse.adapter.in.web.SessionRequests.NOT_AUTHENTICATED;
import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /admin/users}: the admin scope, RFC 6750's 403, each action's answer and its audit event. */
@ServerTest
class AdminEndpointsIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NOT_ENOUGH_PERMISSIONS = """
            {"detail":"Not enough permissions"}""";
    private static final String USER_NOT_FOUND = """
            {"detail":"User not found"}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    AdminEndpointsIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @BeforeAll
    static void users() {
        GATEHOUSE.users.change(GATEHOUSE.addUser("root", PASSWORD, "root@example.com", "Root").id(), stored -> stored.withRole(Role.ADMIN));
        for (String name : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace")) {
            GATEHOUSE.addUser(name, PASSWORD, name + "@example.com", null);
        }
    }

    @Test
    void an_admin_token_is_one_that_asked_for_the_admin_scope() {
        JsonObject login = logInWithScope("root", "admin me");

        assertEquals("admin me", login.getString("scope"));
        Reply shown = call(Method.GET, "/admin/users/alice", login.getString("access_token"));
        assertEquals(200, shown.status(), shown::toString);
        assertEquals("no-store", shown.header(HeaderNames.CACHE_CONTROL));
        JsonObject alice = shown.json();
        assertEquals("alice", alice.getString("username"));
        assertEquals("alice@example.com", alice.getString("email"));
        assertTrue(alice.isNull("full_name"));
        assertFalse(alice.getBoolean("disabled"));
        assertEquals(List.of(), alice.getJsonArray("roles"));
        assertEquals(List.of("created_at", "disabled", "email", "full_name", "id", "roles", "username"),
                alice.keySet().stream().sorted().toList(), "never the hash or the security version");
    }

    @Test
    void a_token_without_the_admin_scope_gets_403_insufficient_scope() {
        for (String token : List.of(logInWithScope("root", "me").getString("access_token"),
                logInWithScope("alice", "admin").getString("access_token"))) {
            Reply refused = call(Method.GET, "/admin/users", token).expect(403, NOT_ENOUGH_PERMISSIONS);
            assertEquals("Bearer error=\"insufficient_scope\", scope=\"admin\"", refused.header(HeaderNames.WWW_AUTHENTICATE));
            call(Method.POST, "/admin/users/bob/disable", token).expect(403, NOT_ENOUGH_PERMISSIONS);
        }
        assertEquals(200, me(client, logInWithScope("bob", "").getString("access_token")).status(), "bob was not disabled");
    }

    @Test
    void no_token_or_a_bad_one_gets_the_tutorial_s_401s() {
        Reply missing = Reply.of(client.get("/admin/users").request()).expect(401, NOT_AUTHENTICATED);
        assertEquals("Bearer", missing.header(HeaderNames.WWW_AUTHENTICATE));
        call(Method.DELETE, "/admin/users/bob/sessions", "not-a-token").expect(401, INVALID_CREDENTIALS);
    }

    @Test
    void lists_and_searches_users_by_page() {
        String admin = adminToken();

        JsonObject first = call(Method.GET, "/admin/users?size=3", admin).json();
        assertEquals(List.of("alice", "bob", "carol"), usernames(first));
        assertTrue(first.getInt("total") >= 8);
        assertEquals(0, first.getInt("page"));
        assertEquals(3, first.getInt("size"));
        assertEquals(List.of("dave", "erin", "frank"), usernames(call(Method.GET, "/admin/users?size=3&page=1", admin).json()));

        JsonObject found = call(Method.GET, "/admin/users?q=GRACE@example", admin).json();
        assertEquals(List.of("grace"), usernames(found));
        assertEquals(1, found.getInt("total"));
    }

    @Test
    void refuses_a_malformed_page_with_422_naming_the_parameter() {
        String admin = adminToken();

        call(Method.GET, "/admin/users?page=-1", admin).expect(422, """
                {"detail":[{"loc":["query","page"],"msg":"must be an integer from 0 to 10000","type":"value_error"}]}""");
        call(Method.GET, "/admin/users?size=1000", admin).expect(422, """
                {"detail":[{"loc":["query","size"],"msg":"must be an integer from 1 to 100","type":"value_error"}]}""");
        call(Method.GET, "/admin/users?size=ten", admin).expect(422, """
                {"detail":[{"loc":["query","size"],"msg":"must be an integer from 1 to 100","type":"value_error"}]}""");
        call(Method.GET, "/admin/users?q=a&q=b", admin).expect(422, """
                {"detail":[{"loc":["query","q"],"msg":"field must be given once","type":"value_error.repeated"}]}""");
        call(Method.GET, "/admin/users?q=" + "a".repeat(255), admin).expect(422, """
                {"detail":[{"loc":["query","q"],"msg":"must be at most 254 characters","type":"value_error"}]}""");
    }

    @Test
    void an_unknown_or_impossible_username_is_404() {
        String admin = adminToken();

        call(Method.GET, "/admin/users/nobody", admin).expect(404, USER_NOT_FOUND);
        call(Method.POST, "/admin/users/no%20body/disable", admin).expect(404, USER_NOT_FOUND);
    }

    @Test
    void disabling_refuses_the_user_s_tokens_and_enabling_lets_them_log_in_again() {
        GATEHOUSE.addUser("henry", PASSWORD, null, null);
        String henry = logInWithScope("henry", "").getString("access_token");
        String admin = adminToken();

        assertTrue(call(Method.POST, "/admin/users/henry/disable", admin).json().getBoolean("disabled"));
        me(client, henry).expect(400, """
                {"detail":"Inactive user"}""");
        assertFalse(call(Method.POST, "/admin/users/henry/enable", admin).json().getBoolean("disabled"));
        me(client, henry).expect(401, INVALID_CREDENTIALS);
        assertEquals(200, me(client, logInWithScope("henry", "").getString("access_token")).status());
        assertEquals(List.of(AuditEvent.Type.USER_DISABLED, AuditEvent.Type.USER_ENABLED), adminEventsAbout("henry"));
    }

    @Test
    void assigns_and_removes_roles_and_refuses_unknown_ones() {
        GATEHOUSE.addUser("ivan", PASSWORD, null, null);
        String admin = adminToken();

        assertEquals(List.of("admin"), call(Method.PUT, "/admin/users/ivan/roles/admin", admin).json().getJsonArray("roles")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("admin", logInWithScope("ivan", "admin").getString("scope"));
        assertEquals(List.of(), call(Method.DELETE, "/admin/users/ivan/roles/admin", admin).json().getJsonArray("roles"));
        call(Method.PUT, "/admin/users/ivan/roles/ghost", admin).expect(422, """
                {"detail":[{"loc":["path","role"],"msg":"no such role is configured","type":"value_error"}]}""");
        Reply badName = call(Method.PUT, "/admin/users/ivan/roles/Ghost", admin);
        assertEquals(422, badName.status(), badName::toString);
        assertEquals(List.of(AuditEvent.Type.ROLE_ASSIGNED, AuditEvent.Type.ROLE_REMOVED), adminEventsAbout("ivan"));
    }

    @Test
    void unlocks_a_throttled_account() {
        GATEHOUSE.addUser("judy", PASSWORD, null, null);
        ThrottleKey account = ThrottleKey.account(new Username("judy"));
        GATEHOUSE.throttle.change(account, before -> LoginProtection.DEFAULT.accounts().afterFailure(before,
                GATEHOUSE.clock.instant()));

        assertEquals(200, call(Method.POST, "/admin/users/judy/unlock", adminToken()).status());

        assertEquals(0, GATEHOUSE.throttle.attemptsOf(account).count());
        assertEquals(List.of(AuditEvent.Type.ACCOUNT_UNLOCKED), adminEventsAbout("judy"));
    }

    @Test
    void ending_sessions_refuses_every_token_of_the_user_at_once() {
        GATEHOUSE.addUser("kim", PASSWORD, null, null);
        String kim = logInWithScope("kim", "").getString("access_token");

        assertEquals(200, call(Method.DELETE, "/admin/users/kim/sessions", adminToken()).status());

        me(client, kim).expect(401, INVALID_CREDENTIALS);
        assertEquals(List.of(AuditEvent.Type.SESSIONS_REVOKED), adminEventsAbout("kim"));
    }

    @Test
    void other_methods_on_admin_paths_get_405() {
        Reply reply = Reply.of(client.method(Method.PATCH).path("/admin/users/kim").request());
        assertEquals(405, reply.status(), reply::toString);
        assertEquals("GET", reply.header(HeaderNames.ALLOW));
    }

    private String adminToken() {
        return logInWithScope("root", "admin").getString("access_token");
    }

    private JsonObject logInWithScope(String username, String scope) {
        Reply reply = Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + encode(username) + "&password=" + encode(PASSWORD) + "&scope=" + encode(scope)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** {@code pathAndQuery}'s query values are sent as written here, encoded by the client. */
    private Reply call(Method method, String pathAndQuery, String token) {
        int question = pathAndQuery.indexOf('?');
        var request = client.method(method).path(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question))
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        if (question >= 0) {
            java.util.Map<String, List<String>> values = new java.util.LinkedHashMap<>();
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                values.computeIfAbsent(pair.substring(0, equals), name -> new java.util.ArrayList<>()).add(pair.substring(equals + 1));
            }
            values.forEach((name, given) -> request.queryParam(name, given.toArray(String[]::new)));
        }
        return Reply.of(request.request());
    }

    private static List<String> usernames(JsonObject page) {
        return page.getJsonArray("users").getValuesAs(JsonObject.class).stream().map(user -> user.getString("username")).toList();
    }

    private static List<AuditEvent.Type> adminEventsAbout(String subject) {
        return GATEHOUSE.audit.events().stream()
                .filter(event -> event.subject().equals(subject) && event.actor().equals("root"))
                .map(AuditEvent::type)
                .toList();
    }
}
