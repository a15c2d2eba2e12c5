package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** Changing one's own password: {@code POST /users/me/password}. */
public class PasswordChangeSteps {

    private final Stage stage;

    public PasswordChangeSteps(Stage stage) {
        this.stage = stage;
    }

    @When("she changes her password from {string} to {string}")
    public void changesHerPassword(String current, String replacement) {
        stage.she().changePassword(current, replacement);
    }

    @Given("she has tried to change her password from {string} to {string}")
    public void hasTriedToChangeHerPassword(String current, String replacement) {
        GatehouseClient.Answer change = stage.she().changePassword(current, replacement);
        assertEquals(400, change.status(), change.body());
    }

    @Then("she is asked to slow down")
    public void sheIsAskedToSlowDown() {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(429, answer.status(), answer.body());
        assertEquals("Too many attempts, retry later", answer.detail());
    }
}
