package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the hand-written OpenAPI document to the server, both ways: every documented endpoint is served and
 * every served one documented; every other method on a documented path is refused; every answer a test can
 * provoke has a documented status, body shape and headers, and every documented answer is provoked here.
 */
class OpenApiContractIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String PASSWORD = "correct horse battery staple";
    /** The methods a path could be asked for; CONNECT is refused by Helidon before routing. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");
    private static final Set<String> OPERATION_KEYS = METHODS.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());

    /** With email verification optional, so its endpoints are served and documented. */
    private static final TestGatehouse HEALTHY = new TestGatehouse(dev.gatehouse.domain.EmailVerificationMode.OPTIONAL);
    private static final TestGatehouse BUSY = new TestGatehouse();
    /** With client applications registered: the answers that only client authentication gives. */
    private static final TestGatehouse WITH_CLIENTS = new TestGatehouse();
    /** With email verification required: the password grant's 403 for an unverified address. */
    private static final TestGatehouse VERIFYING = new TestGatehouse(dev.gatehouse.domain.EmailVerificationMode.REQUIRED);
    private static final String CLIENT_SECRET = "back-office-secret-of-at-least-32-bytes";
    private static final StoreUnavailableException DOWN = new StoreUnavailableException("the database cannot be reached", null);

    private static RealServer healthy;
    private static RealServer busy;
    private static RealServer withClients;
    private static RealServer verifying;
    private static RealServer storeDown;
    /** One request per client, then 429; and a server whose registration is closed. */
    private static RealServer limited;
    private static RealServer closed;
    private static JsonObject document;
    private static SchemaValidator schemas;

    @BeforeAll
    static void start() throws Exception {
        HEALTHY.addUser("johndoe", PASSWORD, "johndoe@example.com", "John Doe");
        HEALTHY.addUser("alice", PASSWORD, null, null);
        HEALTHY.addUser("bob", PASSWORD, null, null);
        HEALTHY.addUser("carol", PASSWORD, null, null);
        HEALTHY.addUser("root", PASSWORD, null, null);
        HEALTHY.addUser("fallen", PASSWORD, null, null);
        HEALTHY.addUser("target", PASSWORD, null, null);
        HEALTHY.addUser("dora", PASSWORD, null, null);
        BUSY.addUser("johndoe", PASSWORD, null, null);
        BUSY.hasher.saturate();
        // More than a client's default burst of requests goes to this one server; the 429s are provoked on "limited".
        RequestRate generous = RequestRate.of(1_000, 100, Duration.ofSeconds(1));
        healthy = new RealServer(HEALTHY.useCases, WebSettings.DEFAULT.withRateLimits(new RateLimits(generous, generous,
                        RateLimits.DEFAULT.registrations(), RateLimits.DEFAULT.introspections(), RateLimits.DEFAULT.maxKeys())),
                new Operations(List.of(check("database", true)), Duration.ofSeconds(1)));
        busy = new RealServer(BUSY.useCases, WebSettings.DEFAULT,
                new Operations(List.of(check("database", false)), Duration.ofSeconds(1)));
        WITH_CLIENTS.addUser("johndoe", PASSWORD, null, null);
        WITH_CLIENTS.users.change(WITH_CLIENTS.addUser("root", PASSWORD, null, null).id(), stored -> stored.withRole(Role.ADMIN));
        WITH_CLIENTS.addUser("jane", PASSWORD, null, null);
        WITH_CLIENTS.clients.register(dev.gatehouse.domain.Client.publicClient(new dev.gatehouse.domain.ClientId("web-app"), true)
                        .withRedirectUris(List.of(new dev.gatehouse.domain.RedirectUri(CALLBACK)))
                        .withPostLogoutRedirectUris(List.of(new dev.gatehouse.domain.RedirectUri(GOODBYE))))
                .register(dev.gatehouse.domain.Client.confidential(new dev.gatehouse.domain.ClientId("back-office"),
                        dev.gatehouse.domain.ClientSecretHash.of(CLIENT_SECRET), true))
                .register(dev.gatehouse.domain.Client.publicClient(new dev.gatehouse.domain.ClientId("partner"), false)
                        .withRedirectUris(List.of(new dev.gatehouse.domain.RedirectUri(CALLBACK))))
                .register(dev.gatehouse.domain.Client.confidential(new dev.gatehouse.domain.ClientId("orders-api"),
                        dev.gatehouse.domain.ClientSecretHash.of(CLIENT_SECRET), false).allowedToIntrospect());
        withClients = new RealServer(WITH_CLIENTS.useCases, WebSettings.DEFAULT.withClientAuthentication(true), Operations.none());
        storeDown = new RealServer(ThrowingUseCases.throwing(() -> DOWN), WebSettings.DEFAULT, Operations.none());
        verifying = new RealServer(VERIFYING.useCases, WebSettings.DEFAULT, Operations.none());
        RequestRate once = RequestRate.of(1, 1, Duration.ofHours(1));
        limited = new RealServer(HEALTHY.useCases, WebSettings.DEFAULT.withRateLimits(new RateLimits(once, once, once, 100)),
                Operations.none());
        closed = new RealServer(HEALTHY.useCases, WebSettings.DEFAULT.withRegistration(false), Operations.none());
        try (InputStream in = OpenApiContractIT.class.getClassLoader().getResourceAsStream(OpenApiHttpService.DOCUMENT)) {
            document = Json.createReader(in).readObject();
        }
        schemas = new SchemaValidator(document);
    }

    @AfterAll
    static void stop() {
        healthy.close();
        busy.close();
        withClients.close();
        storeDown.close();
        verifying.close();
        limited.close();
        closed.close();
    }

    @Test
    void documents_exactly_the_endpoints_the_routing_registers() {
        Set<String> served = RoutedService.endpoints(GatehouseRouting.services(HEALTHY.useCases, WebSettings.DEFAULT,
                Operations.none())).stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(served, new TreeSet<>(documentedOperations().keySet()));
    }

    @Test
    void serves_every_documented_endpoint() {
        documentedOperations().keySet().forEach(endpoint -> {
            String method = endpoint.split(" ")[0];
            // OpenID Connect's discovery exists only where clients are registered (elsewhere it answers a documented 404).
            RealServer server = endpoint.endsWith("/openid-configuration") ? withClients : healthy;
            for (String path : concretePaths(endpoint.split(" ")[1])) {
                RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.request(method + " " + path + " HTTP/1.1",
                        List.of("Content-Length: 0"), new byte[0]));
                assertTrue(answer.status() != 404 && answer.status() != 405, () -> method + " " + path + ": " + answer);
            }
        });
    }

    @Test
    void refuses_every_undocumented_method_on_a_documented_path_with_405() {
        for (String documentedPath : document.getJsonObject("paths").keySet()) {
            Set<String> documentedMethods = document.getJsonObject("paths").getJsonObject(documentedPath).keySet().stream()
                    .filter(OPERATION_KEYS::contains).map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
            for (String path : concretePaths(documentedPath)) {
                for (String method : METHODS) {
                    if (documentedMethods.contains(method)) {
                        continue;
                    }
                    RawHttp.Answer answer = RawHttp.send(healthy.port(), RawHttp.request(method + " " + path + " HTTP/1.1",
                            List.of("Content-Length: 0"), new byte[0]));
                    assertEquals(405, answer.status(), () -> method + " " + path + ": " + answer);
                    assertEquals(String.join(", ", documentedMethods), answer.header("Allow"), () -> method + " " + path);
                    assertEquals(List.of("application/json"), answer.all("Content-Type"), () -> method + " " + path);
                    assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"), () -> method + " " + path);
                    assertEquals(method.equals("HEAD") ? "" : "{\"detail\":\"Method Not Allowed\"}", answer.body(),
                            () -> method + " " + path);
                }
            }
        }
    }

    @Test
    void serves_nothing_beside_the_documented_paths() {
        for (String path : List.of("/", "/token/", "/users/me/x", "/users/123", "/USERS/ME", "/health", "/health/", "/metrics/",
                "/openapi.json/", "/openapi/", "/docs/a/b", "/docs/index.html", "/docs/oauth2-redirect.html",
                "/docs/swagger-ui.js", "/docs/..%2Fopenapi.json", "/webjars/swagger-ui/5.34.1/swagger-ui.css")) {
            RawHttp.Answer answer = RawHttp.send(healthy.port(), RawHttp.request("GET " + path + " HTTP/1.1", List.of(), new byte[0]));
            assertTrue(answer.status() == 404 || answer.status() == 400, () -> path + ": " + answer);
            assertTrue(answer.body().startsWith("{\"detail\":"), () -> path + ": " + answer);
        }
    }

    @Test
    void lists_the_files_of_the_docs_page_it_serves() {
        assertEquals(new DocsHttpService().files(), enumValues(docsFileParameter()));
    }

    @Test
    void resolves_every_reference_and_names_every_operation_once() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        refs.forEach(schemas::resolve);

        List<String> operationIds = documentedOperations().values().stream().map(op -> op.getString("operationId")).toList();
        assertEquals(operationIds.size(), Set.copyOf(operationIds).size(), operationIds::toString);
        documentedOperations().forEach((endpoint, operation) -> operation.getJsonObject("responses").keySet()
                .forEach(status -> assertTrue(status.matches("[1-5][0-9][0-9]"), endpoint + " " + status)));
    }

    @Test
    void declares_fastapis_password_bearer_scheme_on_every_endpoint_behind_a_token() {
        assertEquals("3.1.0", document.getString("openapi"));
        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("OAuth2PasswordBearer");
        assertEquals("oauth2", scheme.getString("type"));
        JsonObject password = scheme.getJsonObject("flows").getJsonObject("password");
        assertEquals("/token", password.getString("tokenUrl"));
        assertEquals(DiscoverySettings.DEFAULT.scopesSupported(), password.getJsonObject("scopes").keySet().stream().sorted().toList(),
                "the scopes the default policy grants");
        documentedOperations().forEach((endpoint, operation) -> {
            boolean secured = endpoint.startsWith("GET /users/me") || endpoint.equals("POST /logout")
                    || endpoint.equals("POST /users/me/password") || endpoint.equals("POST /users/me/email")
                    || endpoint.contains(" /users/me/two-factor") || endpoint.endsWith(" /userinfo");
            boolean admin = endpoint.contains(" /admin/");
            assertEquals(admin ? json("[{\"OAuth2PasswordBearer\":[\"admin\"]}]") : secured ? json("[{\"OAuth2PasswordBearer\":[]}]") : null,
                    operation.get("security"), endpoint);
        });
    }

    @Test
    void serves_the_document_as_written_at_both_addresses() {
        byte[] written = ClasspathResources.read(OpenApiHttpService.DOCUMENT);
        for (String path : List.of("/openapi.json", "/openapi")) {
            RawHttp.Answer answer = get(healthy, path);
            assertEquals(200, answer.status(), answer::toString);
            assertEquals(List.of("application/json"), answer.all("Content-Type"));
            assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"));
            assertEquals(new String(written, StandardCharsets.UTF_8), answer.body());
        }
    }

    @Test
    void sends_every_documented_answer_in_its_documented_shape_and_no_other() {
        List<Exchange> exchanges = new ArrayList<>();

        // POST /token, and the tokens the current-user answers need.
        Exchange johndoe = exchange(exchanges, healthy, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD));
        Exchange alice = exchange(exchanges, healthy, "POST", "/token", FORM, "username=alice&password=" + form(PASSWORD));
        HEALTHY.disable(HEALTHY.users.findByUsername(new dev.gatehouse.domain.Username("alice")).orElseThrow());
        exchange(exchanges, healthy, "POST", "/token", FORM, "grant_type=client_credentials&username=johndoe&password=x");
        exchanges.add(framingExchange("/token", FORM));
        exchange(exchanges, healthy, "POST", "/token", FORM, "username=nobody&password=wrong-password");
        exchange(exchanges, healthy, "POST", "/token", FORM, "username=johndoe&password=" + "a".repeat(70_000));
        exchange(exchanges, healthy, "POST", "/token", JSON, "{\"username\":\"johndoe\"}");
        exchange(exchanges, healthy, "POST", "/token", FORM, "username=johndoe");
        exchange(exchanges, busy, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD));
        exchange(exchanges, storeDown, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD));

        for (String path : List.of("/users", "/users/")) {
            String newcomer = path.endsWith("/") ? "jane" : "joe";
            exchange(exchanges, healthy, "POST", path, JSON, "{\"username\":\"" + newcomer + "\",\"password\":\"" + PASSWORD + "\"}");
            exchanges.add(framingExchange(path, JSON));
            exchange(exchanges, healthy, "POST", path, JSON, "{\"username\":\"JohnDoe\",\"password\":\"" + PASSWORD + "\"}");
            exchange(exchanges, healthy, "POST", path, JSON, "{\"username\":\"" + "a".repeat(70_000) + "\"}");
            exchange(exchanges, healthy, "POST", path, FORM, "username=eve&password=" + form(PASSWORD));
            exchange(exchanges, healthy, "POST", path, JSON, "{\"username\":\"eve\"}");
            exchange(exchanges, busy, "POST", path, JSON, "{\"username\":\"eve\",\"password\":\"" + PASSWORD + "\"}");
            exchange(exchanges, storeDown, "POST", path, JSON, "{\"username\":\"eve\",\"password\":\"" + PASSWORD + "\"}");
        }

        for (String path : List.of("/users/me", "/users/me/")) {
            exchanges.add(get(healthy, path, List.of("Authorization: Bearer " + accessToken(johndoe))));
            exchanges.add(get(healthy, path, List.of("Authorization: Bearer " + accessToken(alice))));
            exchanges.add(get(healthy, path, List.of()));
            exchanges.add(get(healthy, path, List.of("Authorization: Bearer not.a.token")));
            exchanges.add(get(storeDown, path, List.of("Authorization: Bearer abc")));
        }

        // Over the client's request budget, and registration closed.
        RawHttp.send(limited.port(), RawHttp.post("/token", FORM, "username=nobody&password=x".getBytes(StandardCharsets.UTF_8)));
        exchange(exchanges, limited, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD));
        exchange(exchanges, limited, "POST", "/revoke", FORM, "token=abc");
        exchanges.add(post(limited, "/users/me/password", "/users/me/password", JSON, "{}", List.of()));
        for (String path : List.of("/users", "/users/")) {
            exchange(exchanges, limited, "POST", path, JSON, "{\"username\":\"eve\",\"password\":\"" + PASSWORD + "\"}");
            exchange(exchanges, closed, "POST", path, JSON, "{\"username\":\"eve\",\"password\":\"" + PASSWORD + "\"}");
        }

        // POST /token with the refresh token grant.
        Exchange refreshed = exchange(exchanges, healthy, "POST", "/token", FORM,
                "grant_type=refresh_token&refresh_token=" + form(refreshToken(johndoe)));
        assertEquals(200, refreshed.answer().status(), refreshed::toString);
        exchange(exchanges, healthy, "POST", "/token", FORM, "grant_type=refresh_token&refresh_token=not-a-refresh-token");
        exchange(exchanges, healthy, "POST", "/token", FORM, "grant_type=refresh_token");
        exchange(exchanges, storeDown, "POST", "/token", FORM, "grant_type=refresh_token&refresh_token=abc");

        // POST /token and POST /revoke with client applications registered.
        String basic = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                ("back-office:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String wrongBasic = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                "back-office:wrong".getBytes(StandardCharsets.UTF_8));
        String login = "username=johndoe&password=" + form(PASSWORD);
        Exchange byClient = post(withClients, "/token", "/token", FORM, login, List.of(basic));
        exchanges.add(byClient);
        assertEquals(200, byClient.answer().status(), byClient::toString);
        exchange(exchanges, withClients, "POST", "/token", FORM, login + "&client_id=web-app");
        exchange(exchanges, withClients, "POST", "/token", FORM, login);
        exchange(exchanges, withClients, "POST", "/token", FORM, login + "&client_id=partner");
        exchanges.add(post(withClients, "/token", "/token", FORM, login, List.of(wrongBasic)));
        exchanges.add(post(withClients, "/token", "/token", FORM, login + "&client_secret=x", List.of(basic)));
        exchange(exchanges, withClients, "POST", "/token", FORM,
                "grant_type=refresh_token&refresh_token=" + form(refreshToken(byClient)) + "&client_id=web-app");
        exchanges.add(post(withClients, "/revoke", "/revoke", FORM, "token=" + form(refreshToken(byClient)), List.of(basic)));
        exchanges.add(post(withClients, "/revoke", "/revoke", FORM, "token=abc", List.of(wrongBasic)));
        exchange(exchanges, withClients, "POST", "/revoke", FORM, "token=abc&client_id=stranger");
        exchange(exchanges, withClients, "POST", "/revoke", FORM, "token=abc&client_secret=x");
        exchanges.add(get(withClients, "/.well-known/oauth-authorization-server", List.of()));

        // POST /introspect: only for a resource server, so mostly on the server with clients.
        String resourceServer = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                ("orders-api:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Exchange forIntrospection = exchange(exchanges, withClients, "POST", "/token", FORM, login + "&client_id=web-app");
        Exchange active = post(withClients, "/introspect", "/introspect", FORM, "token=" + form(accessToken(forIntrospection)),
                List.of(resourceServer));
        exchanges.add(active);
        assertTrue(active.answer().body().contains("\"active\":true"), active::toString);
        exchanges.add(post(withClients, "/introspect", "/introspect", FORM,
                "token=" + form(refreshToken(forIntrospection)) + "&token_type_hint=refresh_token", List.of(resourceServer)));
        exchanges.add(post(withClients, "/introspect", "/introspect", FORM, "token=not-a-token", List.of(resourceServer)));
        exchanges.add(post(withClients, "/introspect", "/introspect", FORM, "token_type_hint=access_token", List.of(resourceServer)));
        exchanges.add(post(withClients, "/introspect", "/introspect", FORM, "token=abc", List.of(basic)));
        exchange(exchanges, withClients, "POST", "/introspect", FORM, "token=abc");
        exchange(exchanges, withClients, "POST", "/introspect", FORM, "token=abc&client_secret=x");
        exchanges.add(post(withClients, "/introspect", "/introspect", JSON, "{\"token\":\"abc\"}", List.of(resourceServer)));
        exchange(exchanges, healthy, "POST", "/introspect", FORM, "token=abc");
        exchange(exchanges, healthy, "POST", "/introspect", FORM, "token=" + "a".repeat(70_000));
        exchanges.add(framingExchange("/introspect", FORM));
        // Introspection has a budget of its own: spend it first.
        RawHttp.send(limited.port(), RawHttp.post("/introspect", FORM, "token=spent".getBytes(StandardCharsets.UTF_8)));
        exchange(exchanges, limited, "POST", "/introspect", FORM, "token=abc");
        exchange(exchanges, storeDown, "POST", "/introspect", FORM, "token=abc");

        // POST /revoke
        exchange(exchanges, healthy, "POST", "/revoke", FORM, "token=" + form(refreshToken(refreshed)) + "&token_type_hint=refresh_token");
        exchange(exchanges, healthy, "POST", "/revoke", FORM, "token=not-a-token");
        exchange(exchanges, healthy, "POST", "/revoke", FORM, "token_type_hint=access_token");
        exchanges.add(framingExchange("/revoke", FORM));
        exchange(exchanges, healthy, "POST", "/revoke", FORM, "token=" + "a".repeat(70_000));
        exchange(exchanges, healthy, "POST", "/revoke", JSON, "{\"token\":\"abc\"}");
        exchange(exchanges, storeDown, "POST", "/revoke", FORM, "token=abc");

        // POST /logout
        String bob = accessToken(exchange(exchanges, healthy, "POST", "/token", FORM, "username=bob&password=" + form(PASSWORD)));
        List<String> asBob = List.of("Authorization: Bearer " + bob);
        exchanges.add(post(healthy, "/logout", "/logout?everywhere=%zz", null, "", asBob));
        exchanges.add(post(healthy, "/logout", "/logout?everywhere=maybe", null, "", asBob));
        exchanges.add(post(healthy, "/logout", "/logout", FORM, "everywhere=" + "a".repeat(70_000), asBob));
        exchanges.add(post(healthy, "/logout", "/logout", JSON, "{\"everywhere\":true}", asBob));
        exchanges.add(post(healthy, "/logout", "/logout", FORM, "everywhere=true", asBob));
        exchanges.add(post(healthy, "/logout", "/logout", null, "", asBob));
        exchanges.add(post(healthy, "/logout", "/logout", null, "", List.of()));
        exchanges.add(post(storeDown, "/logout", "/logout", null, "", List.of("Authorization: Bearer abc")));
        exchanges.add(framingExchange("/logout", FORM));

        // POST /users/me/password
        String carol = accessToken(exchange(exchanges, healthy, "POST", "/token", FORM, "username=carol&password=" + form(PASSWORD)));
        String newPassword = PASSWORD + " renewed";
        String change = "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"" + newPassword + "\"}";
        Exchange changed = post(healthy, "/users/me/password", "/users/me/password", JSON, change, List.of("Authorization: Bearer " + carol));
        exchanges.add(changed);
        List<String> asCarol = List.of("Authorization: Bearer " + accessToken(changed));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON,
                "{\"current_password\":\"" + newPassword + "\",\"new_password\":\"short\"}", asCarol));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, "{\"new_password\":\"x\"}", asCarol));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON,
                "{\"current_password\":\"" + "a".repeat(70_000) + "\"}", asCarol));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", FORM, "current_password=x&new_password=y", asCarol));
        // A wrong current password (the one just replaced), then any attempt within the login backoff.
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, change, asCarol));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, change, asCarol));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, change,
                List.of("Authorization: Bearer " + accessToken(alice))));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, change, List.of()));
        exchanges.add(post(healthy, "/users/me/password", "/users/me/password", JSON, change, List.of("Authorization: Bearer " + carol)));
        exchanges.add(framingExchange("/users/me/password", JSON));
        String busyToken = BUSY.tokens.issue(BUSY.users.findByUsername(new dev.gatehouse.domain.Username("johndoe")).orElseThrow(),
                Set.of(), dev.gatehouse.domain.SessionId.newId()).value();
        exchanges.add(post(busy, "/users/me/password", "/users/me/password", JSON, change, List.of("Authorization: Bearer " + busyToken)));
        exchanges.add(post(storeDown, "/users/me/password", "/users/me/password", JSON, change, List.of("Authorization: Bearer abc")));

        // POST /password-reset: the same 202 for an account and for none; then the link from the mail it sent.
        String reset = "/password-reset";
        exchange(exchanges, healthy, "POST", reset, JSON, "{\"account\":\"johndoe\"}");
        exchange(exchanges, healthy, "POST", reset, JSON, "{\"account\":\"nobody@example.com\"}");
        exchange(exchanges, healthy, "POST", reset, JSON, "{}");
        exchange(exchanges, healthy, "POST", reset, FORM, "account=johndoe");
        exchange(exchanges, healthy, "POST", reset, JSON, "{\"account\":\"" + "a".repeat(70_000) + "\"}");
        exchanges.add(framingExchange(reset, JSON));
        exchange(exchanges, limited, "POST", reset, JSON, "{\"account\":\"johndoe\"}");
        exchange(exchanges, storeDown, "POST", reset, JSON, "{\"account\":\"johndoe\"}");
        String link = HEALTHY.resets.outbox().all().getFirst().values().get("token");
        String confirm = "/password-reset/confirm";
        exchange(exchanges, healthy, "POST", confirm, JSON, "{\"token\":\"" + link + "\",\"new_password\":\"short\"}");
        exchange(exchanges, healthy, "POST", confirm, JSON, "{\"token\":\"" + link + "\",\"new_password\":\"" + PASSWORD + "\"}");
        exchange(exchanges, healthy, "POST", confirm, JSON, "{\"token\":\"" + link + "\",\"new_password\":\"" + PASSWORD + "\"}");
        exchange(exchanges, healthy, "POST", confirm, JSON, "{\"token\":\"" + link + "\"}");
        exchange(exchanges, healthy, "POST", confirm, "text/plain", "token=x&new_password=y");
        exchange(exchanges, healthy, "POST", confirm, JSON, "{\"token\":\"" + "a".repeat(70_000) + "\"}");
        exchanges.add(framingExchange(confirm, JSON));
        exchange(exchanges, limited, "POST", confirm, JSON, "{\"token\":\"x\",\"new_password\":\"" + PASSWORD + "\"}");
        exchange(exchanges, storeDown, "POST", confirm, JSON, "{\"token\":\"x\",\"new_password\":\"" + PASSWORD + "\"}");
        // The page the mailed link lands on, and its form: refused by the rules, set, then a used link.
        exchange(exchanges, healthy, "POST", reset, JSON, "{\"account\":\"johndoe\"}");
        String pageLink = HEALTHY.resets.outbox().all().stream()
                .filter(mail -> mail.template() == dev.gatehouse.application.port.out.MailTemplate.PASSWORD_RESET)
                .toList().getLast().values().get("token");
        exchanges.add(call(healthy, "GET", reset, reset + "?token=" + pageLink, List.of()));
        exchanges.add(call(healthy, "GET", reset, reset, List.of()));
        exchange(exchanges, healthy, "POST", confirm, FORM, "token=" + pageLink + "&new_password=short");
        exchange(exchanges, healthy, "POST", confirm, FORM, "token=" + pageLink + "&new_password=" + form(PASSWORD));
        exchange(exchanges, healthy, "POST", confirm, FORM, "token=" + pageLink + "&new_password=" + form(PASSWORD));
        exchange(exchanges, limited, "POST", confirm, FORM, "token=x&new_password=" + form(PASSWORD));

        // Email verification: the password grant's 403 (required), a new link, the landing page, the confirmation.
        exchange(exchanges, verifying, "POST", "/users", JSON,
                "{\"username\":\"unproven\",\"password\":\"" + PASSWORD + "\",\"email\":\"unproven@example.com\"}");
        exchange(exchanges, verifying, "POST", "/token", FORM, "username=unproven&password=" + form(PASSWORD));
        String ask = "/email-verification";
        exchange(exchanges, healthy, "POST", ask, JSON, "{\"account\":\"johndoe\"}");
        exchange(exchanges, healthy, "POST", ask, JSON, "{\"account\":\"nobody@example.com\"}");
        exchange(exchanges, healthy, "POST", ask, JSON, "{}");
        exchange(exchanges, healthy, "POST", ask, FORM, "account=johndoe");
        exchange(exchanges, healthy, "POST", ask, JSON, "{\"account\":\"" + "a".repeat(70_000) + "\"}");
        exchanges.add(framingExchange(ask, JSON));
        exchange(exchanges, limited, "POST", ask, JSON, "{\"account\":\"johndoe\"}");
        exchange(exchanges, storeDown, "POST", ask, JSON, "{\"account\":\"johndoe\"}");
        String proof = HEALTHY.resets.outbox().all().stream()
                .filter(mail -> mail.template() == dev.gatehouse.application.port.out.MailTemplate.EMAIL_VERIFICATION)
                .toList().getLast().values().get("token");
        exchanges.add(call(healthy, "GET", ask, ask + "?token=" + proof, List.of()));
        exchanges.add(call(healthy, "GET", ask, ask, List.of()));
        String verify = "/email-verification/confirm";
        exchange(exchanges, healthy, "POST", verify, JSON, "{\"token\":\"" + proof + "\"}");
        exchange(exchanges, healthy, "POST", verify, JSON, "{\"token\":\"" + proof + "\"}");
        exchange(exchanges, healthy, "POST", verify, FORM, "token=" + proof);
        exchange(exchanges, healthy, "POST", verify, "text/plain", "token");
        exchange(exchanges, healthy, "POST", verify, JSON, "{}");
        exchange(exchanges, healthy, "POST", verify, JSON, "{\"token\":\"" + "a".repeat(70_000) + "\"}");
        exchanges.add(framingExchange(verify, JSON));
        exchange(exchanges, limited, "POST", verify, JSON, "{\"token\":\"x\"}");
        exchange(exchanges, storeDown, "POST", verify, JSON, "{\"token\":\"x\"}");
        // POST /users/me/email: the right password, a wrong one, then the backoff.
        String move = "/users/me/email";
        List<String> asJohn = bearer(exchange(exchanges, healthy, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD)));
        exchanges.add(post(healthy, move, move, JSON, "{\"current_password\":\"" + PASSWORD + "\",\"email\":\"john@new.example\"}", asJohn));
        exchanges.add(post(healthy, move, move, JSON, "{\"current_password\":\"wrong password\",\"email\":\"john@new.example\"}", asJohn));
        exchanges.add(post(healthy, move, move, JSON, "{\"current_password\":\"" + PASSWORD + "\",\"email\":\"john@new.example\"}", asJohn));
        exchanges.add(post(healthy, move, move, JSON, "{\"current_password\":\"x\"}", asJohn));
        exchanges.add(post(healthy, move, move, FORM, "current_password=x&email=y", asJohn));
        exchanges.add(post(healthy, move, move, JSON, "{\"current_password\":\"" + "a".repeat(70_000) + "\"}", asJohn));
        exchanges.add(post(healthy, move, move, JSON, "{}", List.of()));
        exchanges.add(framingExchange(move, JSON));
        exchanges.add(post(limited, move, move, JSON, "{}", List.of()));
        exchanges.add(post(storeDown, move, move, JSON, "{\"current_password\":\"x\",\"email\":\"a@b.example\"}",
                List.of("Authorization: Bearer abc")));

        // The administration endpoints: an admin's token, one without the scope, one of a disabled admin, none.
        HEALTHY.users.change(HEALTHY.users.findByUsername(new Username("root")).orElseThrow().id(), stored -> stored.withRole(Role.ADMIN));
        HEALTHY.users.change(HEALTHY.users.findByUsername(new Username("fallen")).orElseThrow().id(), stored -> stored.withRole(Role.ADMIN));
        List<String> asAdmin = bearer(exchange(exchanges, healthy, "POST", "/token", FORM,
                "username=root&scope=admin&password=" + form(PASSWORD)));
        List<String> asFallen = bearer(exchange(exchanges, healthy, "POST", "/token", FORM,
                "username=fallen&scope=admin&password=" + form(PASSWORD)));
        HEALTHY.disable(HEALTHY.users.findByUsername(new Username("fallen")).orElseThrow());
        List<String> withoutScope = bearer(exchange(exchanges, healthy, "POST", "/token", FORM,
                "username=root&scope=me&password=" + form(PASSWORD)));
        List<String> broken = List.of("Authorization: Bearer abc");
        String users = "/admin/users";
        exchanges.add(call(healthy, "GET", users, users + "?q=o&page=0&size=5", asAdmin));
        exchanges.add(call(healthy, "GET", users, users + "?page=-1", asAdmin));
        exchanges.add(call(healthy, "GET", users, users + "?q=%zz", asAdmin));
        exchanges.add(call(healthy, "GET", users, users, asFallen));
        exchanges.add(call(healthy, "GET", users, users, withoutScope));
        exchanges.add(call(healthy, "GET", users, users, List.of()));
        exchanges.add(call(storeDown, "GET", users, users, broken));
        List<String[]> accountOperations = List.of(
                new String[] {"GET", "/admin/users/{username}", ""},
                new String[] {"POST", "/admin/users/{username}/unlock", "/unlock"},
                new String[] {"POST", "/admin/users/{username}/disable", "/disable"},
                new String[] {"POST", "/admin/users/{username}/enable", "/enable"},
                new String[] {"PUT", "/admin/users/{username}/roles/{role}", "/roles/admin"},
                new String[] {"DELETE", "/admin/users/{username}/roles/{role}", "/roles/admin"},
                new String[] {"DELETE", "/admin/users/{username}/sessions", "/sessions"},
                new String[] {"DELETE", "/admin/users/{username}/two-factor", "/two-factor"},
                new String[] {"POST", "/admin/users/{username}/password-reset", "/password-reset"});
        for (String[] operation : accountOperations) {
            String method = operation[0];
            String template = operation[1];
            exchanges.add(call(healthy, method, template, users + "/target" + operation[2], asAdmin));
            exchanges.add(call(healthy, method, template, users + "/nobody" + operation[2], asAdmin));
            exchanges.add(call(healthy, method, template, users + "/target" + operation[2], asFallen));
            exchanges.add(call(healthy, method, template, users + "/target" + operation[2], withoutScope));
            exchanges.add(call(healthy, method, template, users + "/target" + operation[2], List.of()));
            exchanges.add(call(storeDown, method, template, users + "/target" + operation[2], broken));
        }
        exchanges.add(call(healthy, "PUT", "/admin/users/{username}/roles/{role}", users + "/target/roles/ghost", asAdmin));
        exchanges.add(call(healthy, "DELETE", "/admin/users/{username}/roles/{role}", users + "/target/roles/Not%20A%20Role", asAdmin));
        // A reset link for an account with an address ("target" has none: 409 above).
        exchanges.add(call(healthy, "POST", "/admin/users/{username}/password-reset", users + "/johndoe/password-reset", asAdmin));
        // An administrator locking themselves out: 409.
        exchanges.add(call(healthy, "POST", "/admin/users/{username}/disable", users + "/root/disable", asAdmin));
        exchanges.add(call(healthy, "DELETE", "/admin/users/{username}/roles/{role}", users + "/root/roles/admin", asAdmin));

        twoFactorExchanges(exchanges, asFallen);
        clientAdministrationExchanges(exchanges, asAdmin, asFallen, withoutScope);

        for (String path : List.of("/.well-known/jwks.json", "/.well-known/oauth-authorization-server", "/health/live",
                "/health/ready", "/metrics", "/openapi.json", "/openapi", "/docs", "/docs/")) {
            exchanges.add(get(healthy, path, List.of()));
        }
        exchanges.add(get(busy, "/health/ready", List.of()));
        accountExchanges(exchanges);
        // GET and POST /authorize: the authorization code flow, on the server with clients (last: it throttles johndoe there).
        authorizeExchanges(exchanges);
        for (String file : enumValues(docsFileParameter())) {
            exchanges.add(new Exchange("GET /docs/{file}", get(healthy, "/docs/" + file)));
        }
        exchanges.add(new Exchange("GET /docs/{file}", get(healthy, "/docs/nothing-here.js")));

        Map<String, Set<String>> provoked = new TreeMap<>();
        for (Exchange exchange : exchanges) {
            checkAgainstDocument(exchange);
            provoked.computeIfAbsent(exchange.endpoint(), ignored -> new TreeSet<>()).add(Integer.toString(exchange.answer().status()));
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        documentedOperations().forEach((endpoint, operation) ->
                documented.put(endpoint, new TreeSet<>(operation.getJsonObject("responses").keySet())));
        assertEquals(documented, provoked);
    }

    /**
     * The clients registered as data, on the server without clients in its settings: every documented answer, then the
     * registered clients removed again, so that the server's client authentication is off as before. A client of the
     * settings (409 on removal and rotation) on the server with clients.
     */
    private static void clientAdministrationExchanges(List<Exchange> exchanges, List<String> asAdmin, List<String> asFallen,
                                                      List<String> withoutScope) {
        String clients = "/admin/clients";
        String one = clients + "/{client_id}";
        String secret = one + "/secret";
        String spa = "{\"client_id\":\"spa\",\"type\":\"public\",\"first_party\":true,"
                + "\"redirect_uris\":[\"https://spa.example.com/callback\"]}";
        String reports = "{\"client_id\":\"reports\",\"type\":\"confidential\",\"grant_types\":[\"client_credentials\"],"
                + "\"scopes\":[\"reports:read\"],\"audiences\":[\"https://api.example.com\"]}";
        String signer = "{\"client_id\":\"signer\",\"type\":\"confidential\",\"jwks\":{\"keys\":[]}}";
        Exchange registered = post(healthy, clients, clients, JSON, reports, asAdmin);
        assertEquals(201, registered.answer().status(), registered::toString);
        exchanges.add(registered);
        exchanges.add(post(healthy, clients, clients, JSON, spa, asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, signer, asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, spa, asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, spa.replace("callback", "callback#x"), asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, "{\"client_id\":\"x\",\"type\":\"public\",\"grant_types\":[\"implicit\"]}",
                asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, "{\"client_id\":7,\"redirect_uris\":\"no\"}", asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, "[]", asAdmin));
        exchanges.add(post(healthy, clients, clients, FORM, "client_id=x", asAdmin));
        exchanges.add(post(healthy, clients, clients, JSON, spa, asFallen));
        exchanges.add(post(healthy, clients, clients, JSON, spa, withoutScope));
        exchanges.add(post(healthy, clients, clients, JSON, spa, List.of()));
        for (List<String> who : List.of(asAdmin, asFallen, withoutScope, List.<String>of())) {
            exchanges.add(call(healthy, "GET", clients, clients, who));
            exchanges.add(call(healthy, "GET", one, clients + "/reports", who));
            exchanges.add(call(healthy, "POST", secret, clients + "/reports/secret", who));
        }
        exchanges.add(call(healthy, "GET", one, clients + "/nobody", asAdmin));
        exchanges.add(call(healthy, "POST", secret, clients + "/nobody/secret", asAdmin));
        exchanges.add(call(healthy, "POST", secret, clients + "/spa/secret", asAdmin));
        for (List<String> who : List.of(asFallen, withoutScope, List.<String>of())) {
            exchanges.add(call(healthy, "DELETE", one, clients + "/spa", who));
        }
        for (String id : List.of("spa", "reports", "signer", "nobody")) {
            exchanges.add(call(healthy, "DELETE", one, clients + "/" + id, asAdmin));
        }
        List<String> settingsAdmin = bearer(exchange(exchanges, withClients, "POST", "/token", FORM,
                "username=root&scope=admin&client_id=web-app&password=" + form(PASSWORD)));
        exchanges.add(call(withClients, "DELETE", one, clients + "/web-app", settingsAdmin));
        exchanges.add(call(withClients, "POST", secret, clients + "/back-office/secret", settingsAdmin));
    }

    // ---- checking one answer against the document

    private static void checkAgainstDocument(Exchange exchange) {
        RawHttp.Answer answer = exchange.answer();
        String what = exchange.endpoint() + " -> " + answer;
        JsonObject operation = documentedOperations().get(exchange.endpoint());
        assertNotNull(operation, what);
        JsonObject responses = operation.getJsonObject("responses");
        String status = Integer.toString(answer.status());
        assertTrue(responses.containsKey(status), () -> "undocumented status: " + what);
        JsonObject response = schemas.deref(responses.getJsonObject(status));

        // Every answer, documented or not in this detail.
        assertEquals(List.of("nosniff"), answer.all("X-Content-Type-Options"), what);
        assertEquals(1, answer.all("X-Request-Id").size(), what);

        String contentType = answer.header("Content-Type");
        JsonObject content = response.getJsonObject("content");
        if (content == null) {
            // Documented without content: no body, so nothing to label either.
            assertEquals("", answer.body(), what);
            assertEquals(null, contentType, what);
        } else {
            checkContent(answer, content, contentType, what);
        }

        JsonObject headers = response.getJsonObject("headers");
        if (headers != null) {
            headers.forEach((name, declared) -> {
                JsonObject header = schemas.deref(declared.asJsonObject());
                List<String> values = answer.all(name);
                if (header.getBoolean("required", false)) {
                    assertEquals(1, values.size(), () -> "required header " + name + " missing: " + what);
                }
                for (String value : values) {
                    assertEquals(List.of(), schemas.problems(Json.createValue(value), header.getJsonObject("schema")),
                            () -> name + ": " + what);
                }
            });
        }
    }

    private static void checkContent(RawHttp.Answer answer, JsonObject content, String contentType, String what) {
        assertNotNull(contentType, what);
        String mediaType = contentType.split(";")[0].strip();
        assertTrue(content.containsKey(mediaType), () -> "undocumented media type " + mediaType + ": " + what);
        if (mediaType.equals(JSON)) {
            JsonValue body = Json.createReader(new StringReader(answer.body())).readValue();
            List<String> problems = schemas.problems(body, content.getJsonObject(mediaType).getJsonObject("schema"));
            assertEquals(List.of(), problems, what);
        }
    }

    // ---- the document

    /** "METHOD /path" to its operation, for every operation of the document. */
    private static Map<String, JsonObject> documentedOperations() {
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((key, operation) -> {
            if (OPERATION_KEYS.contains(key)) {
                operations.put(key.toUpperCase(Locale.ROOT) + " " + path, operation.asJsonObject());
            }
        }));
        return operations;
    }

    private static JsonObject docsFileParameter() {
        return document.getJsonObject("paths").getJsonObject("/docs/{file}").getJsonObject("get")
                .getJsonArray("parameters").getJsonObject(0);
    }

    private static List<String> enumValues(JsonObject parameter) {
        return parameter.getJsonObject("schema").getJsonArray("enum").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** The path itself, or one path per value of its template parameter. */
    private static List<String> concretePaths(String documentedPath) {
        if (!documentedPath.contains("{")) {
            return List.of(documentedPath);
        }
        if (documentedPath.startsWith("/admin/users/{username}")) {
            return List.of(documentedPath.replace("{username}", "alice").replace("{role}", "admin"));
        }
        if (documentedPath.startsWith("/admin/clients/{client_id}")) {
            return List.of(documentedPath.replace("{client_id}", "some-app"));
        }
        assertEquals("/docs/{file}", documentedPath, "a template this test does not know how to fill");
        return enumValues(docsFileParameter()).stream().map(file -> "/docs/" + file).toList();
    }

    private static void collectRefs(JsonValue value, List<String> refs) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if (key.equals("$ref")) {
                    refs.add(((JsonString) member).getString());
                } else {
                    collectRefs(member, refs);
                }
            });
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(item -> collectRefs(item, refs));
        }
    }

    // ---- requests

    /** One request to a documented endpoint ("METHOD /path" as the document names it) and its answer. */
    private record Exchange(String endpoint, RawHttp.Answer answer) {
    }

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String GOODBYE = "https://app.example.com/goodbye";
    private static final java.util.regex.Pattern HIDDEN =
            java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    /** Every documented answer of {@code /authorize}: the page, the redirects, the refusals, a store that is down. */
    private static void authorizeExchanges(List<Exchange> exchanges) {
        String challenge = dev.gatehouse.domain.PkceChallenge.of("a-verifier-of-at-least-forty-three-characters-0123").value();
        String query = "response_type=code&client_id=web-app&redirect_uri=" + form(CALLBACK) + "&scope=me&state=xyz"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        Exchange page = get(withClients, "/authorize?" + query, List.of());
        exchanges.add(new Exchange("GET /authorize", page.answer()));
        assertEquals(200, page.answer().status(), page::toString);
        exchanges.add(new Exchange("GET /authorize", get(withClients, "/authorize?" + query.replace("S256", "plain"), List.of()).answer()));
        exchanges.add(new Exchange("GET /authorize", get(withClients, "/authorize?" + query.replace("web-app", "stranger"), List.of()).answer()));
        exchanges.add(new Exchange("GET /authorize", get(storeDown, "/authorize?" + query, List.of()).answer()));

        String binding = page.answer().all("Set-Cookie").stream().filter(cookie -> cookie.startsWith("gatehouse_authorize="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
        StringBuilder hidden = new StringBuilder();
        java.util.regex.Matcher fields = HIDDEN.matcher(page.answer().body());
        while (fields.find()) {
            hidden.append(fields.group(1)).append('=').append(form(fields.group(2).replace("&#61;", "=").replace("&amp;", "&")
                    .replace("&#39;", "'").replace("&quot;", "\""))).append('&');
        }
        List<String> cookie = List.of("Cookie: " + binding);
        exchanges.add(post(withClients, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=", cookie));
        Exchange signedIn = post(withClients, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=" + form(PASSWORD), cookie);
        exchanges.add(signedIn);
        openIdExchanges(exchanges, signedIn, query.replace("scope=me", "scope=openid+profile+email"));
        endSessionExchanges(exchanges, signedIn, binding);
        exchanges.add(post(withClients, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=wrong-password", cookie));
        exchanges.add(post(withClients, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=" + form(PASSWORD), cookie));
        exchanges.add(post(withClients, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=x", List.of()));
        exchanges.add(post(withClients, "/authorize", "/authorize", FORM, "password=" + "a".repeat(70_000), cookie));
        exchanges.add(post(storeDown, "/authorize", "/authorize", FORM, hidden + "username=johndoe&password=x", cookie));
        consentExchanges(exchanges, query.replace("client_id=web-app", "client_id=partner"));
        secondStepExchanges(exchanges, query);
    }

    /**
     * The consent page of a third-party client: the sign-in form answers 200 with it; its answer goes back to the client
     * (303), or is refused without our token (403) or unreadable (400), too large (413) or on a store that is down (503).
     */
    private static void consentExchanges(List<Exchange> exchanges, String partnerQuery) {
        Exchange page = get(withClients, "/authorize?" + partnerQuery, List.of());
        String binding = page.answer().all("Set-Cookie").stream().filter(cookie -> cookie.startsWith("gatehouse_authorize="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
        Exchange consent = post(withClients, "/authorize", "/authorize", FORM, hiddenOf(page) + "username=jane&password="
                + form(PASSWORD), List.of("Cookie: " + binding));
        exchanges.add(consent);
        assertEquals(200, consent.answer().status(), consent::toString);
        String session = consent.answer().all("Set-Cookie").stream().filter(cookie -> cookie.startsWith("gatehouse_session="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
        List<String> cookies = List.of("Cookie: " + binding + "; " + session);
        String path = "/authorize/consent";
        String fields = hiddenOf(consent);
        exchanges.add(post(withClients, path, path, FORM, fields + "decision=maybe", cookies));
        exchanges.add(post(withClients, path, path, JSON, "{}", cookies));
        exchanges.add(post(withClients, path, path, FORM, fields.replace("consent_token=", "consent_token=x") + "decision=allow",
                cookies));
        exchanges.add(post(withClients, path, path, FORM, "decision=" + "a".repeat(70_000), cookies));
        exchanges.add(post(storeDown, path, path, FORM, fields + "decision=allow", cookies));
        Exchange denied = post(withClients, path, path, FORM, fields + "decision=deny", cookies);
        exchanges.add(denied);
        assertTrue(denied.answer().header("Location").contains("error=access_denied"), denied::toString);
        exchanges.add(post(withClients, path, path, FORM, fields + "decision=allow", cookies));
    }

    /**
     * {@code POST /authorize} for an account with a second factor (the second step's page), and every documented answer
     * of {@code POST /authorize/code}: codes from the tests' own authenticator, on the server's clock.
     */
    private static void secondStepExchanges(List<Exchange> exchanges, String query) {
        dev.gatehouse.domain.User tessa = WITH_CLIENTS.addUser("tessa", PASSWORD, null, null);
        dev.gatehouse.domain.TotpSecret secret = dev.gatehouse.domain.TotpSecret.generate(new java.security.SecureRandom());
        dev.gatehouse.domain.TwoFactorEnrolment pending = dev.gatehouse.domain.TwoFactorEnrolment.start(tessa.id(), secret,
                WITH_CLIENTS.clock.instant());
        WITH_CLIENTS.twoFactor.startEnrolment(pending);
        WITH_CLIENTS.twoFactor.activate(tessa.id(), pending.id(), 1, List.of());
        dev.gatehouse.application.testing.ReferenceTotp app = new dev.gatehouse.application.testing.ReferenceTotp(secret.bytes());

        Exchange page = get(withClients, "/authorize?" + query, List.of());
        List<String> cookie = List.of("Cookie: " + page.answer().all("Set-Cookie").stream()
                .filter(header -> header.startsWith("gatehouse_authorize=")).map(header -> header.substring(0, header.indexOf(';')))
                .findFirst().orElseThrow());
        Exchange codePage = post(withClients, "/authorize", "/authorize", FORM, hiddenOf(page) + "username=tessa&password="
                + form(PASSWORD), cookie);
        exchanges.add(codePage);
        assertEquals(200, codePage.answer().status(), codePage::toString);
        String hidden = hiddenOf(codePage);
        String path = "/authorize/code";
        String right = app.codeAt(WITH_CLIENTS.clock.instant());
        exchanges.add(post(withClients, path, path, FORM, hidden + "code=", cookie));
        exchanges.add(post(withClients, path, path, FORM, hidden + "code=" + (right.equals("000000") ? "111111" : "000000"), cookie));
        exchanges.add(post(withClients, path, path, FORM, hidden + "code=" + right, cookie));
        exchanges.add(post(withClients, path, path, FORM, hidden + "code=" + right, List.of()));
        exchanges.add(post(withClients, path, path, FORM, "code=" + "1".repeat(70_000), cookie));
        exchanges.add(post(storeDown, path, path, FORM, hidden + "code=" + right, cookie));
        WITH_CLIENTS.clock.advance(Duration.ofSeconds(2));
        Exchange signedIn = post(withClients, path, path, FORM, hidden + "code=" + right, cookie);
        exchanges.add(signedIn);
        assertEquals(303, signedIn.answer().status(), signedIn::toString);

        // Both factors right for a third-party client not yet allowed: the consent page, before any code.
        Exchange partnerPage = get(withClients, "/authorize?" + query.replace("client_id=web-app", "client_id=partner"), List.of());
        List<String> partnerCookie = List.of("Cookie: " + partnerPage.answer().all("Set-Cookie").stream()
                .filter(header -> header.startsWith("gatehouse_authorize=")).map(header -> header.substring(0, header.indexOf(';')))
                .findFirst().orElseThrow());
        Exchange partnerCodePage = post(withClients, "/authorize", "/authorize", FORM, hiddenOf(partnerPage) + "username=tessa&password="
                + form(PASSWORD), partnerCookie);
        assertEquals(200, partnerCodePage.answer().status(), partnerCodePage::toString);
        Exchange consentPage = post(withClients, path, path, FORM, hiddenOf(partnerCodePage) + "code="
                + app.codeAt(WITH_CLIENTS.clock.instant().plusSeconds(30)), partnerCookie);
        exchanges.add(consentPage);
        assertEquals(200, consentPage.answer().status(), consentPage::toString);
        assertTrue(consentPage.answer().body().contains("/authorize/consent"), consentPage::toString);
    }

    /** The hidden fields of a page's form, as a form body with a trailing {@code &}. */
    private static String hiddenOf(Exchange page) {
        StringBuilder hidden = new StringBuilder();
        java.util.regex.Matcher fields = HIDDEN.matcher(page.answer().body());
        while (fields.find()) {
            hidden.append(fields.group(1)).append('=').append(form(fields.group(2).replace("&#61;", "=").replace("&amp;", "&")
                    .replace("&#39;", "'").replace("&quot;", "\"").replace("&#43;", "+").replace("&#47;", "/")))
                    .append('&');
        }
        return hidden.toString();
    }

    /**
     * RP-initiated logout: the confirmation page for a signed-in browser, a forged confirmation (403), a refused return
     * address (400), the confirmed logout going back to the registered page (303), and the page after it (200), by GET
     * and POST.
     */
    private static void endSessionExchanges(List<Exchange> exchanges, Exchange signedIn, String binding) {
        String path = "/authorize/end-session";
        String session = signedIn.answer().all("Set-Cookie").stream().filter(cookie -> cookie.startsWith("gatehouse_session="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
        List<String> cookies = List.of("Cookie: " + session + "; " + binding);
        String back = "client_id=web-app&post_logout_redirect_uri=" + form(GOODBYE) + "&state=s";
        Exchange ask = get(withClients, path + "?" + back, cookies);
        exchanges.add(new Exchange("GET " + path, ask.answer()));
        assertEquals(200, ask.answer().status(), ask::toString);
        exchanges.add(new Exchange("GET " + path, get(withClients, path + "?client_id=web-app&post_logout_redirect_uri="
                + form("https://evil.example/"), cookies).answer()));
        exchanges.add(post(withClients, path, path, FORM, "client_id=stranger", cookies));
        exchanges.add(post(withClients, path, path, FORM, back + "&form_token=forged", cookies));
        exchanges.add(post(withClients, path, path, FORM, back, cookies));
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"form_token\" value=\"([^\"]*)\"")
                .matcher(ask.answer().body());
        assertTrue(token.find(), ask::toString);
        Exchange out = post(withClients, path, path, FORM, back + "&form_token=" + form(token.group(1)), cookies);
        exchanges.add(out);
        assertEquals(303, out.answer().status(), out::toString);
        exchanges.add(new Exchange("GET " + path, get(withClients, path + "?" + back, cookies).answer()));
        exchanges.add(new Exchange("GET " + path, get(withClients, path, List.of()).answer()));
    }

    /**
     * {@code /users/me/two-factor} and its sub-resources, and the password grant's 403 and the mfa-otp grant: dora
     * enrols with codes from the tests' own authenticator, on the healthy server's clock.
     */
    private static void twoFactorExchanges(List<Exchange> exchanges, List<String> disabled) {
        String start = "/users/me/two-factor";
        String confirm = start + "/confirm";
        String codes = start + "/recovery-codes";
        List<String> asDora = bearer(exchange(exchanges, healthy, "POST", "/token", FORM, "username=dora&password=" + form(PASSWORD)));
        List<String> asJohn = bearer(exchange(exchanges, healthy, "POST", "/token", FORM, "username=johndoe&password=" + form(PASSWORD)));
        List<String> broken = List.of("Authorization: Bearer abc");
        String big = "{\"code\":\"" + "1".repeat(70_000) + "\"}";

        exchanges.add(request(healthy, "POST", start, null, "", List.of()));
        exchanges.add(request(healthy, "POST", start, null, "", disabled));
        Exchange started = request(healthy, "POST", start, null, "", asDora);
        exchanges.add(started);
        dev.gatehouse.application.testing.ReferenceTotp app = dev.gatehouse.application.testing.ReferenceTotp.scanning(
                json(started.answer().body()).asJsonObject().getString("otpauth_uri"));
        String right = app.codeAt(HEALTHY.clock.instant());
        String wrong = "{\"code\":\"" + (right.equals("000000") ? "111111" : "000000") + "\"}";
        exchanges.add(request(healthy, "POST", confirm, FORM, "code=1", asDora));
        exchanges.add(request(healthy, "POST", confirm, JSON, "{}", asDora));
        exchanges.add(request(healthy, "POST", confirm, JSON, big, asDora));
        exchanges.add(framingExchange(confirm, JSON));
        exchanges.add(request(healthy, "POST", confirm, JSON, wrong, List.of()));
        exchanges.add(request(healthy, "POST", confirm, JSON, wrong, asJohn));
        exchanges.add(request(healthy, "POST", confirm, JSON, wrong, asDora));
        exchanges.add(request(healthy, "POST", confirm, JSON, wrong, asDora));
        HEALTHY.clock.advance(Duration.ofSeconds(2));
        exchanges.add(request(healthy, "POST", confirm, JSON, "{\"code\":\"" + app.codeAt(HEALTHY.clock.instant()) + "\"}", asDora));
        exchanges.add(request(healthy, "POST", start, null, "", asDora));

        exchanges.add(request(healthy, "POST", codes, FORM, "code=1", asDora));
        exchanges.add(request(healthy, "POST", codes, JSON, "{}", asDora));
        exchanges.add(request(healthy, "POST", codes, JSON, big, asDora));
        exchanges.add(framingExchange(codes, JSON));
        exchanges.add(request(healthy, "POST", codes, JSON, wrong, List.of()));
        exchanges.add(request(healthy, "POST", codes, JSON, wrong, asJohn));
        exchanges.add(request(healthy, "POST", codes, JSON, wrong, asDora));
        exchanges.add(request(healthy, "POST", codes, JSON, wrong, asDora));
        HEALTHY.clock.advance(Duration.ofSeconds(31));
        exchanges.add(request(healthy, "POST", codes, JSON, "{\"code\":\"" + app.codeAt(HEALTHY.clock.instant()) + "\"}", asDora));

        // The password alone: 403 mfa_required; then the mfa-otp grant with a made-up mfa_token and without a code.
        String mfaOtp = "grant_type=" + form("urn:gatehouse:params:oauth:grant-type:mfa-otp");
        exchange(exchanges, healthy, "POST", "/token", FORM, "username=dora&password=" + form(PASSWORD));
        exchange(exchanges, healthy, "POST", "/token", FORM, mfaOtp + "&mfa_token=made-up&otp=123456");
        exchange(exchanges, healthy, "POST", "/token", FORM, mfaOtp + "&mfa_token=made-up");

        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"x\"}", List.of()));
        exchanges.add(request(healthy, "DELETE", start, FORM, "password=x", asDora));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{}", asDora));
        exchanges.add(request(healthy, "DELETE", start, JSON, big, asDora));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"" + PASSWORD + "\"}", asJohn));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"wrong password\"}", asDora));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"wrong password\"}", asDora));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"" + PASSWORD + "\"}", disabled));
        HEALTHY.clock.advance(Duration.ofSeconds(2));
        exchanges.add(request(healthy, "DELETE", start, JSON, "{\"password\":\"" + PASSWORD + "\"}", asDora));

        exchanges.add(request(storeDown, "POST", start, null, "", broken));
        exchanges.add(request(storeDown, "POST", confirm, JSON, wrong, broken));
        exchanges.add(request(storeDown, "POST", codes, JSON, wrong, broken));
        exchanges.add(request(storeDown, "DELETE", start, JSON, "{\"password\":\"x\"}", broken));
    }

    /**
     * Every documented answer of the account page: not set up (no public URL), sent to sign in, the callback with and
     * without its cookie, the page, a forged form, a body that is no form, an enrolment, an unknown action, the budget.
     */
    private static void accountExchanges(List<Exchange> exchanges) {
        java.net.URI publicUrl = java.net.URI.create("https://auth.example.com");
        WITH_CLIENTS.addUser("keeper", PASSWORD, null, null);
        WITH_CLIENTS.clients.register(AccountPageClient.registration(publicUrl));
        WebSettings settings = new WebSettings(ClientAddressing.DIRECT, false, WebSettings.DEFAULT.knownDeviceLifetime(),
                new DiscoverySettings(publicUrl.toString(), java.util.Optional.of(publicUrl), DiscoverySettings.DEFAULT_KEY_SET_MAX_AGE,
                        DiscoverySettings.DEFAULT.scopesSupported()), true);
        try (RealServer account = new RealServer(WITH_CLIENTS.useCases, settings, Operations.none())) {
            exchanges.add(get(healthy, "/account", List.of()));
            Exchange start = get(account, "/account", List.of());
            exchanges.add(start);
            assertEquals(303, start.answer().status(), start::toString);
            String login = cookies(start.answer());
            Exchange page = get(account, start.answer().header("Location"), List.of());
            assertEquals(200, page.answer().status(), page::toString);
            StringBuilder hidden = new StringBuilder();
            java.util.regex.Matcher fields = HIDDEN.matcher(page.answer().body());
            while (fields.find()) {
                hidden.append(fields.group(1)).append('=').append(form(fields.group(2).replace("&#61;", "=").replace("&amp;", "&")))
                        .append('&');
            }
            Exchange signedIn = post(account, "/authorize", "/authorize", FORM, hidden + "username=keeper&password=" + form(PASSWORD),
                    List.of("Cookie: " + cookies(page.answer())));
            String back = java.net.URI.create(signedIn.answer().header("Location")).getRawPath() + "?"
                    + java.net.URI.create(signedIn.answer().header("Location")).getRawQuery();
            exchanges.add(new Exchange("GET /account/callback", get(account, "/account/callback?state=forged", List.of(
                    "Cookie: " + login)).answer()));
            Exchange callback = new Exchange("GET /account/callback", get(account, back, List.of("Cookie: " + login)).answer());
            exchanges.add(callback);
            assertEquals(303, callback.answer().status(), callback::toString);
            List<String> session = List.of("Cookie: " + cookies(callback.answer()));
            Exchange shown = get(account, "/account", session);
            exchanges.add(shown);
            assertEquals(200, shown.answer().status(), shown::toString);
            String csrf = shown.answer().body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
            exchanges.add(post(account, "/account", "/account", FORM, "action=sign-out&csrf=forged", session));
            exchanges.add(post(account, "/account", "/account", JSON, "{}", session));
            exchanges.add(post(account, "/account", "/account", FORM, "action=start-two-factor&csrf=" + csrf, session));
            exchanges.add(post(account, "/account", "/account", FORM, "action=unknown&csrf=" + csrf, session));
            exchanges.add(post(limited, "/account", "/account", FORM, "action=unknown", List.of()));
            exchanges.add(post(limited, "/account", "/account", FORM, "action=unknown", List.of()));
        }
    }

    /** The cookies an answer sets, as a {@code Cookie} header's value. */
    private static String cookies(RawHttp.Answer answer) {
        return answer.all("Set-Cookie").stream().map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .collect(Collectors.joining("; "));
    }

    /** {@code method} with a body on the documented {@code path}; {@code contentType} null sends none. */
    private static Exchange request(RealServer server, String method, String path, String contentType, String body,
                                    List<String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(headers);
        if (contentType != null) {
            all.add("Content-Type: " + contentType);
        }
        all.add("Content-Length: " + bytes.length);
        return new Exchange(method + " " + path, RawHttp.send(server.port(), RawHttp.request(method + " " + path + " HTTP/1.1", all, bytes)));
    }

    /**
     * OpenID Connect: the browser session of {@code signedIn} gets an {@code openid} code at once, whose exchange holds an
     * ID token; its access token reads {@code /userinfo}; a token without {@code openid} gets 403; discovery on both servers.
     */
    private static void openIdExchanges(List<Exchange> exchanges, Exchange signedIn, String openIdQuery) {
        String session = signedIn.answer().all("Set-Cookie").stream().filter(cookie -> cookie.startsWith("gatehouse_session="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError(signedIn.toString()));
        Exchange authorized = get(withClients, "/authorize?" + openIdQuery, List.of("Cookie: " + session));
        exchanges.add(new Exchange("GET /authorize", authorized.answer()));
        String location = authorized.answer().header("Location");
        assertTrue(location != null && location.contains("code="), authorized::toString);
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        Exchange tokens = exchange(exchanges, withClients, "POST", "/token", FORM, "grant_type=authorization_code&client_id=web-app"
                + "&code=" + form(code) + "&redirect_uri=" + form(CALLBACK)
                + "&code_verifier=a-verifier-of-at-least-forty-three-characters-0123");
        assertTrue(tokens.answer().body().contains("\"id_token\""), tokens::toString);
        String openid = "Authorization: Bearer " + accessToken(tokens);
        for (String method : List.of("GET", "POST")) {
            exchanges.add(call(withClients, method, "/userinfo", "/userinfo", List.of(openid)));
            exchanges.add(call(withClients, method, "/userinfo", "/userinfo", List.of()));
            exchanges.add(call(withClients, method, "/userinfo", "/userinfo", List.of("Authorization: Bearer not.a.token")));
            exchanges.add(call(withClients, method, "/userinfo", "/userinfo", bearer(exchange(exchanges, withClients, "POST", "/token",
                    FORM, "username=johndoe&client_id=web-app&password=" + form(PASSWORD)))));
            exchanges.add(call(storeDown, method, "/userinfo", "/userinfo", List.of("Authorization: Bearer abc")));
        }
        // RFC 6750 section 2.2: the token as the access_token field of a form body; never also in the header.
        String openIdToken = openid.substring("Authorization: Bearer ".length());
        Exchange inBody = post(withClients, "/userinfo", "/userinfo", FORM, "access_token=" + form(openIdToken), List.of());
        assertEquals(200, inBody.answer().status(), inBody::toString);
        exchanges.add(inBody);
        Exchange both = post(withClients, "/userinfo", "/userinfo", FORM, "access_token=" + form(openIdToken), List.of(openid));
        assertEquals(400, both.answer().status(), both::toString);
        exchanges.add(both);
        exchanges.add(post(withClients, "/userinfo", "/userinfo", "text/plain", "access_token=x", List.of()));
        exchanges.add(get(withClients, "/.well-known/openid-configuration", List.of()));
        exchanges.add(get(healthy, "/.well-known/openid-configuration", List.of()));
    }

    private static Exchange exchange(List<Exchange> exchanges, RealServer server, String method, String path,
                                     String contentType, String body) {
        Exchange exchange = new Exchange(method + " " + path,
                RawHttp.send(server.port(), RawHttp.post(path, contentType, body.getBytes(StandardCharsets.UTF_8))));
        exchanges.add(exchange);
        return exchange;
    }

    /**
     * A POST to the documented {@code endpoint} at {@code target} (which may add a query), with extra headers;
     * {@code contentType} null sends none.
     */
    private static Exchange post(RealServer server, String endpoint, String target, String contentType, String body,
                                 List<String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(headers);
        if (contentType != null) {
            all.add("Content-Type: " + contentType);
        }
        all.add("Content-Length: " + bytes.length);
        return new Exchange("POST " + endpoint, RawHttp.send(server.port(), RawHttp.request("POST " + target + " HTTP/1.1", all, bytes)));
    }

    /** A body whose length is ambiguous: refused before any handler reads it. */
    private static Exchange framingExchange(String path, String contentType) {
        return new Exchange("POST " + path, RawHttp.send(healthy.port(), RawHttp.request("POST " + path + " HTTP/1.1",
                List.of("Content-Type: " + contentType, "Content-Length: 4", "Transfer-Encoding: chunked"),
                "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    /** {@code method} on {@code target}, documented as {@code endpointPath}, without a body. */
    private static Exchange call(RealServer server, String method, String endpointPath, String target, List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        all.add("Content-Length: 0");
        return new Exchange(method + " " + endpointPath,
                RawHttp.send(server.port(), RawHttp.request(method + " " + target + " HTTP/1.1", all, new byte[0])));
    }

    private static List<String> bearer(Exchange login) {
        return List.of("Authorization: Bearer " + accessToken(login));
    }

    private static Exchange get(RealServer server, String path, List<String> headers) {
        return new Exchange("GET " + path, RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", headers, new byte[0])));
    }

    private static RawHttp.Answer get(RealServer server, String path) {
        return RawHttp.send(server.port(), RawHttp.request("GET " + path + " HTTP/1.1", List.of(), new byte[0]));
    }

    private static String accessToken(Exchange login) {
        assertEquals(200, login.answer().status(), login::toString);
        return json(login.answer().body()).asJsonObject().getString("access_token");
    }

    private static String refreshToken(Exchange tokens) {
        assertEquals(200, tokens.answer().status(), tokens::toString);
        return json(tokens.answer().body()).asJsonObject().getString("refresh_token");
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static ReadinessCheck check(String name, boolean ready) {
        return ReadinessCheck.of(name, timeout -> ready);
    }
}
