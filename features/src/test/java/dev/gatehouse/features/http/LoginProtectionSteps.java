package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.time.Duration;

/** Logging in safely while under attack: failed attempts, the waits they impose, and time passing. */
public class LoginProtectionSteps {

    private final Stage stage;

    public LoginProtectionSteps(Stage stage) {
        this.stage = stage;
    }

    @Given("{word} has tried to log in as {string} with password {string}")
    public void hasTriedToLogIn(String actor, String username, String password) {
        GatehouseClient.Answer login = stage.actor(actor).logIn(stage.username(username), password, null, null);
        assertEquals(401, login.status(), login.body());
    }

    @Then("the answer asks to retry after {int} second(s)")
    public void theAnswerAsksToRetryAfter(int seconds) {
        assertEquals(String.valueOf(seconds), stage.theAnswer().retryAfter(), stage.theAnswer().body());
    }

    /** On the scenarios' clock in process; for real against a deployment. */
    @Given("{int} second(s) pass(es)")
    public void secondsPass(int seconds) {
        stage.gatehouse().letPass(Duration.ofSeconds(seconds));
    }

    /** On the scenarios' clock: only in process. */
    @Given("{int} minutes pass")
    public void minutesPass(int minutes) {
        stage.gatehouse().letPass(Duration.ofMinutes(minutes));
    }
}
