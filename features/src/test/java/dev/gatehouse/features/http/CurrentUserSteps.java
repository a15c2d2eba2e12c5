package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Reading the current user with a bearer token: {@code GET /users/me}. */
public class CurrentUserSteps {

    private final Stage stage;

    public CurrentUserSteps(Stage stage) {
        this.stage = stage;
    }

    @When("she asks who she is")
    public void asksWhoSheIs() {
        stage.she().asksWhoTheyAre();
    }

    @When("someone asks who they are without a token")
    public void asksWithoutToken() {
        stage.actor("someone").asksWhoTheyAre(null);
    }

    @When("she asks who she is with a tampered token")
    public void asksWithTamperedToken() {
        Actor she = stage.she();
        String[] parts = she.accessToken().split("\\.");
        String forgedPayload = parts[1].substring(0, parts[1].length() - 2) + (parts[1].endsWith("A") ? "BB" : "AA");
        she.asksWhoTheyAre(parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Then("she is told she is {string} with full name {string}, active")
    public void sheIsToldWhoSheIs(String username, String fullName) {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(200, answer.status(), answer.body());
        JsonObject user = answer.json();
        assertEquals(stage.username(username), user.getString("username"));
        assertEquals(fullName, user.getString("full_name"));
        assertFalse(user.getBoolean("disabled"));
        assertTrue(user.containsKey("email"));
        assertEquals(JsonValue.ValueType.NULL, user.get("email").getValueType());
    }

    @Then("the request is refused because {string}")
    public void theRequestIsRefusedBecause(String detail) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(401, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
        assertNotNull(answer.wwwAuthenticate());
        assertTrue(answer.wwwAuthenticate().startsWith("Bearer"), answer.wwwAuthenticate());
    }

    @Then("she is told {string}")
    public void sheIsTold(String detail) {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(400, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
    }

    @Then("{word}'s bearer token is refused because {string}")
    public void bearerTokenIsRefused(String actor, String detail) {
        GatehouseClient.Answer me = stage.actor(actor).asksWhoTheyAre();
        assertEquals(detail.equals("Inactive user") ? 400 : 401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }

    @Then("her bearer token is refused because {string}")
    public void herBearerTokenIsRefused(String detail) {
        GatehouseClient.Answer me = stage.she().asksWhoTheyAre();
        assertEquals(401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }
}
