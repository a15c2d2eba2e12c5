package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.domain.Scope;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Logging in with a password: {@code LogInUseCase}, and the scopes it grants. */
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
        stage.actor(actor).logIn(username, password, scope, Optional.empty());
    }

    @Given("{word} has logged in as {string} with password {string}")
    public void hasLoggedIn(String actor, String username, String password) {
        assertInstanceOf(LogInResult.LoggedIn.class, stage.actor(actor).logIn(username, password, null, Optional.empty()));
    }

    @Given("{word} has logged in as {string} with password {string} asking for the {string} scope")
    public void hasLoggedInAskingFor(String actor, String username, String password, String scope) {
        assertInstanceOf(LogInResult.LoggedIn.class, stage.actor(actor).logIn(username, password, scope, Optional.empty()));
    }

    @Then("{word} can log in as {string} with password {string}")
    public void canLogIn(String actor, String username, String password) {
        hasLoggedIn(actor, username, password);
    }

    @Then("logging in as {string} with password {string} fails")
    public void loggingInFails(String username, String password) {
        Verdicts.assertMeans("Incorrect username or password",
                stage.actor("someone").logIn(username, password, null, Optional.empty()));
    }

    @Then("she receives a bearer token valid for {int} minutes")
    public void receivesABearerToken(int minutes) {
        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, stage.she().answer());
        assertEquals(Duration.ofMinutes(minutes), loggedIn.accessToken().lifetime());
    }

    @Then("the login is refused because {string}")
    public void theLoginIsRefusedBecause(String detail) {
        Verdicts.assertMeans(detail, stage.theAnswer());
    }

    @Then("she is granted no scope")
    public void sheIsGrantedNoScope() {
        assertEquals(Set.of(), assertInstanceOf(LogInResult.LoggedIn.class, stage.she().answer()).accessToken().scopes());
    }

    @Then("she is granted the scope {string}")
    public void sheIsGrantedTheScope(String scope) {
        assertEquals(Scope.parseList(scope),
                assertInstanceOf(LogInResult.LoggedIn.class, stage.she().answer()).accessToken().scopes());
    }
}
