package dev.gatehouse.features.http;

import dev.gatehouse.features.ClientApplications;
import dev.gatehouse.features.SignInJourney;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import java.util.Base64;

/** Client applications: a Gatehouse started with {@code GATEHOUSE_CLIENTS}, and logins and renewals that name one. */
public class ClientApplicationSteps {

    private final Stage stage;
    private final SignInJourney journey;

    public ClientApplicationSteps(Stage stage, SignInJourney journey) {
        this.stage = stage;
        this.journey = journey;
    }

    @Given("Gatehouse knows these client applications:")
    public void gatehouseKnowsTheseClientApplications(DataTable table) {
        journey.remember(table);
        stage.playAgainst(RunningGatehouse.withClients(ClientApplications.settings(table)));
    }

    @When("{word} logs in through {string} as {string} with password {string}")
    public void logsInThrough(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, null, false), username, password);
    }

    @Given("{word} has logged in through {string} as {string} with password {string}")
    public void hasLoggedInThrough(String actor, String application, String username, String password) {
        logsInThrough(actor, application, username, password);
        assertEquals(200, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("{word} logs in through {string} with its secret as {string} with password {string}")
    public void logsInThroughWithItsSecret(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, ClientApplications.secretOf(application), true), username, password);
    }

    @When("{word} logs in through {string} with its secret in the form as {string} with password {string}")
    public void logsInThroughWithItsSecretInTheForm(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, ClientApplications.secretOf(application), false), username, password);
    }

    @When("{word} logs in through {string} with a wrong secret as {string} with password {string}")
    public void logsInThroughWithAWrongSecret(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, ClientApplications.secretOf(application) + "-wrong", true),
                username, password);
    }

    @Then("the bearer token says it was issued to {string}")
    public void theBearerTokenSaysItWasIssuedTo(String application) {
        String payload = new String(Base64.getUrlDecoder().decode(stage.she().accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        JsonObject claims = Json.createReader(new StringReader(payload)).readObject();
        assertEquals(application, claims.getString("client_id"));
    }

    @Then("the application is refused as unknown or unproven")
    public void theApplicationIsRefusedAsUnknownOrUnproven() {
        assertEquals(401, stage.theAnswer().status(), stage.theAnswer().body());
        assertEquals("invalid_client", stage.theAnswer().json().getString("error"));
    }

    @Then("the application is refused as not allowed to log users in with a password")
    public void theApplicationIsRefusedAsNotAllowedToUsePasswords() {
        assertEquals(400, stage.theAnswer().status(), stage.theAnswer().body());
        assertEquals("unauthorized_client", stage.theAnswer().json().getString("error"));
    }

    @When("{string} renews her session with its secret")
    public void anotherApplicationRenewsHerSession(String application) {
        String hers = stage.she().refreshToken();
        stage.application(application).renewWith(hers,
                new GatehouseClient.ClientApplication(application, ClientApplications.secretOf(application), true));
    }

    @Then("she can still renew her session through {string}")
    public void canStillRenewThrough(String application) {
        GatehouseClient.Answer renewal = stage.she().renew(new GatehouseClient.ClientApplication(application, null, false));
        assertEquals(200, renewal.status(), renewal.body());
    }

    private void logInThrough(String actor, GatehouseClient.ClientApplication application, String username, String password) {
        stage.actor(actor).logIn(stage.username(username), password, null, application);
    }

}
