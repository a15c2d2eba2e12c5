package dev.gatehouse.examples.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checks of a recipe attacked one at a time: tokens signed by the very key it trusts ({@link TokenForge}), each
 * wrong in one way only, so that each refusal is that check's doing. A recipe's test extends it and starts the recipe
 * ({@link #startRecipe}) trusting the forge's issuer as its Gatehouse, with audience {@value #AUDIENCE}; the contract
 * starts the forge before and stops both after, once per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ForgedTokensContract {

    protected static final String AUDIENCE = RunningGatehouse.AUDIENCE;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private TokenForge forge;
    private RecipeServer recipe;

    /** Starts the recipe's server trusting {@code issuer} (the forge) as its Gatehouse. */
    protected abstract RecipeServer startRecipe(String issuer) throws Exception;

    @BeforeAll
    final void startForgeAndRecipe() throws Exception {
        forge = TokenForge.start();
        recipe = startRecipe(forge.issuer());
    }

    @AfterAll
    final void stopForgeAndRecipe() throws Exception {
        RecipeServer.closeAll(forge, recipe);
    }

    protected final TokenForge forge() {
        return forge;
    }

    protected final String baseUrl() {
        return recipe.baseUrl();
    }

    /** A route any valid token may use. */
    protected String protectedPath() {
        return "/users/me";
    }

    @Test
    void accepts_a_token_shaped_like_gatehouse_s_so_that_each_refusal_below_is_one_check_s() throws Exception {
        HttpResponse<String> answer = get(forge().sign(forge().header(), forge().claims("gatehouse", AUDIENCE)));

        assertEquals(200, answer.statusCode(), answer.body() + " " + answer.headers());
    }

    @Test
    void refuses_a_token_of_another_issuer() throws Exception {
        Map<String, Object> claims = forge().claims(AUDIENCE);
        claims.put("iss", "https://staging.example.com");

        assertRefused(forge().sign(forge().header(), claims));
    }

    @Test
    void refuses_a_token_for_another_audience() throws Exception {
        assertRefused(forge().sign(forge().header(), forge().claims("gatehouse", "orders-api")));
    }

    @Test
    void refuses_a_token_without_exp() throws Exception {
        Map<String, Object> claims = forge().claims(AUDIENCE);
        claims.remove("exp");

        assertRefused(forge().sign(forge().header(), claims));
    }

    @Test
    void refuses_a_token_expired_two_minutes_ago() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = forge().claims(AUDIENCE);
        claims.put("iat", now - 1020);
        claims.put("nbf", now - 1020);
        claims.put("exp", now - 120);

        assertRefused(forge().sign(forge().header(), claims));
    }

    @Test
    void refuses_a_token_not_valid_for_another_five_minutes() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = forge().claims(AUDIENCE);
        claims.put("iat", now + 300);
        claims.put("nbf", now + 300);
        claims.put("exp", now + 1200);

        assertRefused(forge().sign(forge().header(), claims));
    }

    @Test
    void refuses_a_jwt_that_is_not_an_access_token() throws Exception {
        Map<String, Object> header = forge().header();
        header.put("typ", "JWT");

        assertRefused(forge().sign(header, forge().claims(AUDIENCE)));
    }

    @Test
    void refuses_an_unsigned_token() throws Exception {
        assertRefused(forge().unsigned(forge().claims(AUDIENCE)));
    }

    @Test
    void refuses_hs256_keyed_with_the_public_key() throws Exception {
        assertRefused(forge().signHs256WithThePublicKey(forge().claims(AUDIENCE)));
    }

    private void assertRefused(String token) throws Exception {
        HttpResponse<String> answer = get(token);
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"),
                answer.headers().toString());
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + protectedPath()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
