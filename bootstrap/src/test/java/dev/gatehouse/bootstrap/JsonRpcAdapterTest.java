package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatehouse.adapter.in.jsonrpc.JsonRpcServer;
import dev.gatehouse.adapter.in.jsonrpc.JsonRpcUseCases;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC sample adapter ({@code dev.gatehouse.adapter.in.jsonrpc}, the guide's second extension case) over
 * real HTTP, driving the one assembly of use cases over in-memory driven ports: what it answers, and how it refuses.
 */
class JsonRpcAdapterTest {

    private static final Retention RETENTION =
            new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private static final InMemoryUserRepository users = new InMemoryUserRepository();
    private static final FastPasswordHasher hasher = new FastPasswordHasher();
    private static UseCases useCases;
    private static JsonRpcServer server;

    @BeforeAll
    static void start() throws IOException {
        useCases = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock).build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT, RETENTION, Optional.empty()));
        server = JsonRpcServer.start(loopback(), jsonRpcUseCases(useCases));
    }

    /** The JSON-RPC adapter's use cases from the one assembly, as bootstrap would take them. */
    static JsonRpcUseCases jsonRpcUseCases(UseCases useCases) {
        return new JsonRpcUseCases(useCases.registerUser(), useCases.logIn(), useCases.refreshToken(),
                useCases.currentUser(), useCases.showUser());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_registered_user_gets_a_token_and_is_shown_by_it() {
        Answer registered = call(1, "users.register",
                "{\"username\":\"ada\",\"password\":\"analytical\",\"email\":\"ada@example.org\"}", null);
        assertEquals(200, registered.status());
        assertEquals(Json.createValue(1), registered.json().get("id"));
        assertEquals("ada", registered.result().getString("username"));

        JsonObject tokens = call(2, "token.password", "{\"username\":\"ada\",\"password\":\"analytical\"}", null).result();
        assertEquals("bearer", tokens.getString("token_type"));
        assertEquals(900, tokens.getInt("expires_in"));
        assertFalse(tokens.getString("refresh_token").isEmpty());

        Answer me = call("\"me\"", "users.me", null, "Bearer " + tokens.getString("access_token"));
        assertEquals(200, me.status());
        assertEquals("no-store", me.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(Json.createValue("me"), me.json().get("id"));
        // Exactly the listed fields: no hash, no id.
        assertEquals(Set.of("username", "email", "full_name", "disabled"), me.result().keySet(), me.body());
        assertEquals("ada@example.org", me.result().getString("email"));
    }

    @Test
    void a_refresh_token_renews_once() {
        register("grace", "compilers");
        String first = logIn("grace", "compilers").getString("refresh_token");

        JsonObject renewed = call(1, "token.refresh", "{\"refresh_token\":\"" + first + "\"}", null).result();
        assertEquals("grace", call(2, "users.me", null, "Bearer " + renewed.getString("access_token")).result()
                .getString("username"));
        assertError(call(3, "token.refresh", "{\"refresh_token\":\"" + first + "\"}", null), 200, -32006);
    }

    @Test
    void a_wrong_password_is_refused_and_a_second_guess_is_told_when_to_retry() {
        register("linus", "penguins");

        Answer wrong = call(1, "token.password", "{\"username\":\"linus\",\"password\":\"wrong-one\"}", null);
        assertError(wrong, 200, -32004);
        assertFalse(wrong.error().containsKey("data"), wrong.body());
        Answer unknown = call(2, "token.password", "{\"username\":\"nobody\",\"password\":\"wrong-one\"}", null);
        assertEquals(wrong.error().getString("message"), unknown.error().getString("message"));

        Answer throttled = call(3, "token.password", "{\"username\":\"linus\",\"password\":\"penguins\"}", null);
        assertError(throttled, 200, -32004);
        assertEquals(1, throttled.error().getJsonObject("data").getInt("retry_after"), throttled.body());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("bearer", logIn("linus", "penguins").getString("token_type"));
    }

    @Test
    void users_me_needs_a_genuine_bearer_token_in_the_authorization_header() {
        Answer none = call(1, "users.me", null, null);
        assertError(none, 401, -32001);
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertError(call(2, "users.me", null, "Basic YWRhOmFuYWx5dGljYWw="), 401, -32001);
        assertError(call(3, "users.me", "{\"access_token\":\"in-the-params\"}", null), 401, -32001);

        Answer forged = call(4, "users.me", null, "Bearer not-a-token");
        assertError(forged, 401, -32002);
        assertEquals("Bearer error=\"invalid_token\"", forged.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void malformed_requests_get_the_json_rpc_errors_and_no_stack_trace() {
        assertError(post("{\"jsonrpc\":\"2.0\",\"method\":", "application/json", null), 200, -32700);
        byte[] notUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertError(send(uri(), HttpRequest.BodyPublishers.ofByteArray(notUtf8), "application/json", null), 200, -32700);
        assertError(post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"users.me\"}]", "application/json", null), 200, -32600);
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"users.me\"}", "application/json", null),
                200, -32600);
        assertError(post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"users.me\"}", "application/json", null), 200, -32600);
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"users.me\"}", "application/json", null), 200, -32600);
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", "application/json", null), 200, -32600);
        // Without an id, but no valid notification either: still answered.
        assertError(post("{\"method\":\"users.me\"}", "application/json", null), 200, -32600);

        Answer unknown = call(9, "users.delete", "{}", null);
        assertError(unknown, 200, -32601);
        assertEquals(Json.createValue(9), unknown.json().get("id"));
    }

    @Test
    void invalid_params_are_listed_field_by_field() {
        Answer both = call(1, "users.register", "{\"password\":12345678,\"email\":\"not-an-address\"}", null);
        assertError(both, 200, -32602);
        assertEquals(Set.of("username", "password", "email"), both.error().getJsonObject("data").getJsonArray("errors")
                .getValuesAs(JsonObject.class).stream().map(error -> error.getString("field")).collect(Collectors.toSet()),
                both.body());
        assertError(call(2, "users.register", "[\"ada\",\"analytical\"]", null), 200, -32602);
        assertError(call(3, "users.register", "{\"username\":\"bad name!\",\"password\":\"analytical\"}", null), 200, -32602);
        // The password policy's refusal, on the field that holds the password.
        Answer weak = call(4, "users.register", "{\"username\":\"shorty\",\"password\":\"short\"}", null);
        assertError(weak, 200, -32602);
        assertEquals("password", weak.error().getJsonObject("data").getJsonArray("errors").getJsonObject(0).getString("field"));
        assertError(call(5, "token.password", "{\"username\":\"ada\",\"password\":\"analytical\",\"scope\":\"a\\nb\"}", null),
                200, -32602);
        assertError(call(6, "token.refresh", "{}", null), 200, -32602);
    }

    @Test
    void a_taken_username_is_refused() {
        register("edsger", "semaphores");

        assertError(call(1, "users.register", "{\"username\":\"EDSGER\",\"password\":\"goto-harmful\"}", null), 200, -32005);
    }

    @Test
    void an_administrator_sees_any_account_and_others_are_refused() {
        users.add(User.register(new Username("root"), hasher.hash(new PlainPassword("superuser")), null, null, clock.instant())
                .withRole(Role.ADMIN));
        register("barbara", "abstraction");
        String admin = call(1, "token.password", "{\"username\":\"root\",\"password\":\"superuser\",\"scope\":\"admin\"}", null)
                .result().getString("access_token");
        String plain = logIn("barbara", "abstraction").getString("access_token");

        JsonObject shown = call(2, "users.show", "{\"username\":\"barbara\"}", "Bearer " + admin).result();
        assertEquals("barbara", shown.getString("username"));
        assertEquals(0, shown.getJsonArray("roles").size());
        assertError(call(3, "users.show", "{\"username\":\"nobody\"}", "Bearer " + admin), 200, -32009);
        assertError(call(4, "users.show", "{\"username\":\"root\"}", "Bearer " + plain), 200, -32008);
        assertError(call(5, "users.show", "{\"username\":\"root\"}", null), 401, -32001);
    }

    @Test
    void a_notification_is_carried_out_and_not_answered() {
        Answer answer = post("{\"jsonrpc\":\"2.0\",\"method\":\"users.register\",\"params\":"
                + "{\"username\":\"quiet\",\"password\":\"unanswered\"}}", "application/json", null);

        assertEquals(204, answer.status());
        assertEquals("", answer.body());
        assertEquals("bearer", logIn("quiet", "unanswered").getString("token_type"));
    }

    @Test
    void http_that_is_no_json_rpc_call_is_refused_before_any_method_runs() throws IOException, InterruptedException {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(uri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"users.me\"}", "text/plain", null), 415, -32600);
        assertError(post("{\"pad\":\"" + "x".repeat(70_000) + "\"}", "application/json", null), 413, -32600);
    }

    @Test
    void a_failing_store_says_retry_later_and_a_bug_says_internal_error_without_details() throws IOException {
        JsonRpcUseCases failing = new JsonRpcUseCases(
                command -> { throw new IllegalStateException("secret internals of dev.gatehouse"); },
                command -> { throw new StoreUnavailableException("database down", null); },
                useCases.refreshToken(), useCases.currentUser(), useCases.showUser());
        try (JsonRpcServer broken = JsonRpcServer.start(loopback(), failing)) {
            URI uri = URI.create("http://127.0.0.1:" + broken.port() + "/rpc");
            Answer bug = send(uri, request(1, "users.register", "{\"username\":\"x\",\"password\":\"whatever1\"}"),
                    "application/json", null);
            assertError(bug, 200, -32603);
            assertFalse(bug.body().contains("secret"), bug.body());
            assertError(send(uri, request(2, "token.password", "{\"username\":\"x\",\"password\":\"whatever1\"}"),
                    "application/json", null), 200, -32010);
        }
    }

    private static void register(String username, String password) {
        call(0, "users.register", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null).result();
    }

    private static JsonObject logIn(String username, String password) {
        return call(0, "token.password", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null)
                .result();
    }

    /** A call with {@code id} (a JSON literal or number) and {@code params} (JSON text, or null for none). */
    private static Answer call(Object id, String method, String params, String authorization) {
        return post(request(id, method, params), "application/json", authorization);
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static Answer post(String body, String contentType, String authorization) {
        return send(uri(), body, contentType, authorization);
    }

    private static Answer send(URI uri, String body, String contentType, String authorization) {
        return send(uri, HttpRequest.BodyPublishers.ofString(body), contentType, authorization);
    }

    private static Answer send(URI uri, HttpRequest.BodyPublisher body, String contentType, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType).POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void assertError(Answer answer, int status, int code) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.error().getInt("code"), answer.body());
        assertEquals("2.0", answer.json().getString("jsonrpc"), answer.body());
        assertFalse(answer.json().containsKey("result"), answer.body());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
    }

    private static URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/rpc");
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private record Answer(int status, HttpHeaders headers, String body) {

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        JsonObject result() {
            assertFalse(json().containsKey("error"), body);
            return json().getJsonObject("result");
        }

        JsonObject error() {
            return json().getJsonObject("error");
        }
    }
}
