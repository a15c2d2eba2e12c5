package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.application.port.in.ChangePasswordResult;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** Changing one's own password: {@code ChangePasswordUseCase}. */
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
        assertInstanceOf(ChangePasswordResult.WrongCurrentPassword.class, stage.she().changePassword(current, replacement));
    }

    @Then("she is asked to slow down")
    public void sheIsAskedToSlowDown() {
        assertInstanceOf(ChangePasswordResult.Throttled.class, stage.she().answer());
    }
}
