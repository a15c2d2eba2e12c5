package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatehouse.features.ClientApplications;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** A service asking {@code /token} for a token about itself: the client credentials grant over HTTP. */
public class ServiceSteps {

    private final Stage stage;

    public ServiceSteps(Stage stage) {
        this.stage = stage;
    }

    @When("{string} asks for a token for itself with its secret")
    public void asksWithItsSecret(String application) {
        asks(application, ClientApplications.secretOf(application), null);
    }

    @When("{string} asks for a token for itself with its secret, for the scope {string}")
    public void asksWithItsSecretFor(String application, String scope) {
        asks(application, ClientApplications.secretOf(application), scope);
    }

    @When("{string} asks for a token for itself with a wrong secret")
    public void asksWithAWrongSecret(String application) {
        asks(application, ClientApplications.secretOf(application) + "-wrong", null);
    }

    @When("{string} asks for a token for itself without a secret")
    public void asksWithoutASecret(String application) {
        stage.application(application).asksForItsOwnToken(new GatehouseClient.ClientApplication(application, null, false), null);
    }

    @Then("it receives a bearer token valid for {int} minutes, about {string} itself")
    public void receivesATokenAboutItself(int minutes, String application) {
        JsonObject token = issued();
        assertEquals("bearer", token.getString("token_type"));
        assertEquals(Duration.ofMinutes(minutes).toSeconds(), token.getJsonNumber("expires_in").longValue());
        String payload = new String(Base64.getUrlDecoder().decode(token.getString("access_token").split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonObject claims = Json.createReader(new StringReader(payload)).readObject();
        assertEquals(application, claims.getString("sub"), "the token is about the application");
        assertEquals(application, claims.getString("client_id"));
    }

    @Then("the token carries the scopes {string}")
    public void carriesTheScopes(String scopes) {
        assertEquals(Set.of(scopes.split(" ")), Set.of(issued().getString("scope").split(" ")));
    }

    @Then("no refresh token comes with it")
    public void noRefreshToken() {
        assertFalse(issued().containsKey("refresh_token"), "no refresh token");
    }

    @Then("the request for a token is refused as asking for a scope that is not allowed")
    public void refusedForScope() {
        assertRefused(400, "invalid_scope");
    }

    @Then("the request for a token is refused as coming from an unknown or unproven application")
    public void refusedAsUnknown() {
        assertRefused(401, "invalid_client");
    }

    @Then("the request for a token is refused as not allowed for this application")
    public void refusedAsNotAllowed() {
        assertRefused(400, "unauthorized_client");
    }

    private void asks(String application, String secret, String scope) {
        stage.application(application).asksForItsOwnToken(new GatehouseClient.ClientApplication(application, secret, true), scope);
    }

    private JsonObject issued() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private void assertRefused(int status, String error) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(status, answer.status(), answer.body());
        assertEquals(error, answer.json().getString("error"));
    }
}
