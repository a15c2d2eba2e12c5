package dev.gatehouse.examples.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every recipe must do with Gatehouse's tokens, run against the recipe's own server and a real Gatehouse:
 * accept a token for its audience, refuse none, a forged one and one for another API with 401, answer 403
 * {@code insufficient_scope} on a scope-protected route, and keep working across an emergency key rotation.
 * A recipe's test extends it and starts its recipe ({@link #startRecipe}); the contract starts Gatehouse (the executable
 * jar, {@link #USERNAME} registered) before, and stops both after, once per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ResourceServerContract {

    protected static final String USERNAME = "jane";
    protected static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RunningGatehouse gatehouse;
    private RecipeServer recipe;

    /** Starts the recipe's server trusting {@code gatehouse}. */
    protected abstract RecipeServer startRecipe(RunningGatehouse gatehouse) throws Exception;

    @BeforeAll
    final void startGatehouseAndRecipe() throws Exception {
        gatehouse = RunningGatehouse.start();
        gatehouse.register(USERNAME, PASSWORD);
        recipe = startRecipe(gatehouse);
    }

    @AfterAll
    final void stopGatehouseAndRecipe() throws Exception {
        RecipeServer.closeAll(gatehouse, recipe);
    }

    /** The Gatehouse the recipe trusts, with {@link #USERNAME} registered. */
    protected final RunningGatehouse gatehouse() {
        return gatehouse;
    }

    /** The recipe's server, e.g. {@code http://127.0.0.1:8081}. */
    protected final String baseUrl() {
        return recipe.baseUrl();
    }

    /** A route any valid token may use; it answers the token's user as {@code "username":"jane"} in JSON. */
    protected String protectedPath() {
        return "/users/me";
    }

    /** A route that needs the {@code items} scope. */
    protected String itemsPath() {
        return "/users/me/items/";
    }

    /** How long the recipe waits between two fetches of the key set for an unknown kid (none by default). */
    protected Duration keySetRefetchInterval() {
        return Duration.ZERO;
    }

    @Test
    void accepts_a_gatehouse_token_for_its_audience() throws Exception {
        HttpResponse<String> answer = get(protectedPath(), token(null));

        assertEquals(200, answer.statusCode(), answer.body() + "\n" + answer.headers());
        assertTrue(answer.body().replace(" ", "").contains("\"username\":\"jane\""), answer.body());
    }

    @Test
    void refuses_a_request_without_a_token_with_401() throws Exception {
        HttpResponse<String> answer = get(protectedPath(), null);

        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), answer.headers().toString());
    }

    @Test
    void refuses_a_forged_token_with_401_invalid_token() throws Exception {
        String token = token(null);
        // Gatehouse's header and claims under another signature: what a forger without Gatehouse's key can make.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(342);

        HttpResponse<String> answer = get(protectedPath(), forged);

        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"),
                answer.headers().toString());
    }

    @Test
    void refuses_a_gatehouse_token_issued_for_another_api_with_401() throws Exception {
        String forOrders = RunningGatehouse.accessTokenOf(gatehouse().logIn(RunningGatehouse.OTHER_APP, USERNAME, PASSWORD, null));

        HttpResponse<String> answer = get(protectedPath(), forOrders);

        assertEquals(401, answer.statusCode(), answer.body());
    }

    @Test
    void a_scope_protected_route_answers_403_insufficient_scope_without_the_scope() throws Exception {
        HttpResponse<String> without = get(itemsPath(), token(null));
        HttpResponse<String> with = get(itemsPath(), token("items"));

        assertEquals(403, without.statusCode(), without.body());
        assertTrue(without.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""),
                without.headers().toString());
        assertEquals(200, with.statusCode(), with.body());
        assertEquals("[{\"item_id\":\"Foo\",\"owner\":\"jane\"}]", with.body().replace(" ", ""));
    }

    /**
     * {@code gatehouse rotate-keys --compromised}: the successor signs at once, so the next token names a kid the
     * recipe has never seen. The recipe must fetch the key set again and accept it; and as the fetched set no
     * longer holds the revoked key, the old token is refused from then on.
     */
    @Test
    void after_an_emergency_key_rotation_accepts_the_new_key_and_drops_the_revoked_one() throws Exception {
        String before = token(null);
        assertEquals(200, get(protectedPath(), before).statusCode(), "the key set is now cached");
        String oldKid = RunningGatehouse.keyIdOf(before);
        long cached = System.nanoTime();

        gatehouse().cli("rotate-keys", "--compromised");
        // The running server learns of the revocation from the database within seconds, then signs with the successor.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String after = token(null);
        while (RunningGatehouse.keyIdOf(after).equals(oldKid) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = token(null);
        }
        assertNotEquals(oldKid, RunningGatehouse.keyIdOf(after), "Gatehouse signs with the successor within seconds");
        long waited = System.nanoTime() - cached;
        if (waited < keySetRefetchInterval().toNanos()) {
            Thread.sleep((keySetRefetchInterval().toNanos() - waited) / 1_000_000 + 100);
        }
        HttpResponse<String> answer = get(protectedPath(), after);
        assertEquals(200, answer.statusCode(), "a token signed by the new key: " + answer.body() + " " + answer.headers());
        assertEquals(401, get(protectedPath(), before).statusCode(), "a token signed by the revoked key, after the refetch");
    }

    protected String token(String scope) throws Exception {
        return gatehouse().accessToken(USERNAME, PASSWORD, scope);
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks until the answer has this status (at most 10 s), for what Gatehouse's instances learn within seconds. */
    protected HttpResponse<String> awaitStatus(int status, String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> answer = get(path, token);
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = get(path, token);
        }
        return answer;
    }
}
