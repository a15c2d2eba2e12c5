package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import java.time.Duration;

/** Logging in with a password: the password grant of {@code POST /token}, and the scopes it grants. */
public class LoginSteps {

    private final Stage stage;

    public LoginSteps(Stage stage) {
        this.stage = stage;
    }

    @When("{word} logs in as {string} with password {string}")
    public void logsIn(String actor, String username, String password) {
        logsInAskingFor(actor, username, password, null);
    }

    @When("{word} logs in as {string} with password {string} asking for the {string} scope")
    public void logsInAskingFor(String actor, String username, String password, String scope) {
        stage.actor(actor).logIn(stage.username(username), password, scope, null);
    }

    @Given("{word} has logged in as {string} with password {string}")
    public void hasLoggedIn(String actor, String username, String password) {
        logsIn(actor, username, password);
        assertEquals(200, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @Given("{word} has logged in as {string} with password {string} asking for the {string} scope")
    public void hasLoggedInAskingFor(String actor, String username, String password, String scope) {
        logsInAskingFor(actor, username, password, scope);
        assertEquals(200, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("someone logs in as {string} without a password")
    public void logsInWithoutPassword(String username) {
        stage.actor("someone").logIn(stage.username(username), null, null, null);
    }

    @Then("{word} can log in as {string} with password {string}")
    public void canLogIn(String actor, String username, String password) {
        GatehouseClient.Answer login = stage.actor(actor).logIn(stage.username(username), password, null, null);
        assertEquals(200, login.status(), login.body());
    }

    @Then("logging in as {string} with password {string} fails")
    public void loggingInFails(String username, String password) {
        GatehouseClient.Answer login = stage.actor("someone").logIn(stage.username(username), password, null, null);
        assertEquals(401, login.status(), login.body());
    }

    @Then("she receives a bearer token valid for {int} minutes")
    public void receivesABearerToken(int minutes) {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(200, answer.status(), answer.body());
        JsonObject token = answer.json();
        assertEquals("bearer", token.getString("token_type"));
        assertEquals(3, token.getString("access_token").split("\\.").length, "a JWT has three parts");
        assertEquals(Duration.ofMinutes(minutes).toSeconds(), token.getJsonNumber("expires_in").longValue());
        assertEquals("no-store", answer.cacheControl());
    }

    @Then("the login is refused because {string}")
    public void theLoginIsRefusedBecause(String detail) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(401, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
        assertEquals("Bearer", answer.wwwAuthenticate());
    }

    @Then("the login is refused as incomplete, naming the missing {string}")
    public void theLoginIsIncomplete(String field) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(422, answer.status(), answer.body());
        JsonObject error = answer.json().getJsonArray("detail").getJsonObject(0);
        assertEquals(field, error.getJsonArray("loc").getString(1));
        assertEquals("field required", error.getString("msg"));
    }

    @Then("she is granted no scope")
    public void sheIsGrantedNoScope() {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(200, answer.status(), answer.body());
        // Asked for a scope and granted none: the answer says so with an empty scope (RFC 6749 section 5.1).
        assertEquals("", answer.json().getString("scope", ""), answer.body());
    }

    @Then("she is granted the scope {string}")
    public void sheIsGrantedTheScope(String scope) {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(200, answer.status(), answer.body());
        assertEquals(scope, answer.json().getString("scope"));
    }
}
