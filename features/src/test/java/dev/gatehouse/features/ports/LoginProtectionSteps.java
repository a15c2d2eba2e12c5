package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.time.Duration;
import java.util.Optional;

/** Logging in safely while under attack: failed attempts, the waits they impose, and time passing on the clock. */
public class LoginProtectionSteps {

    private final Stage stage;

    public LoginProtectionSteps(Stage stage) {
        this.stage = stage;
    }

    @Given("{word} has tried to log in as {string} with password {string}")
    public void hasTriedToLogIn(String actor, String username, String password) {
        Verdicts.assertMeans("Incorrect username or password", stage.actor(actor).logIn(username, password, null, Optional.empty()));
    }

    @Then("the answer asks to retry after {int} second(s)")
    public void theAnswerAsksToRetryAfter(int seconds) {
        assertEquals(seconds, Verdicts.retryAfterSeconds(stage.theAnswer()));
    }

    @Given("{int} second(s) pass(es)")
    public void secondsPass(int seconds) {
        stage.gatehouse().letPass(Duration.ofSeconds(seconds));
    }

    @Given("{int} minutes pass")
    public void minutesPass(int minutes) {
        stage.gatehouse().letPass(Duration.ofMinutes(minutes));
    }
}
