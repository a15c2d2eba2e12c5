package dev.gatehouse.features.ports;

import dev.gatehouse.features.ClientApplications;
import dev.gatehouse.features.SignInJourney;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.domain.ClientId;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.Optional;

/** Client applications: a Gatehouse assembled with {@code GATEHOUSE_CLIENTS}, and logins and renewals that name one. */
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
        stage.playWithClients(ClientApplications.settings(table));
    }

    @When("{word} logs in through {string} as {string} with password {string}")
    public void logsInThrough(String actor, String application, String username, String password) {
        stage.actor(actor).logIn(username, password, null, Optional.of(ClientCredentials.publicClient(application)));
    }

    @Given("{word} has logged in through {string} as {string} with password {string}")
    public void hasLoggedInThrough(String actor, String application, String username, String password) {
        logsInThrough(actor, application, username, password);
        assertInstanceOf(LogInResult.LoggedIn.class, stage.theAnswer());
    }

    @When("{word} logs in through {string} with its secret as {string} with password {string}")
    public void logsInThroughWithItsSecret(String actor, String application, String username, String password) {
        stage.actor(actor).logIn(username, password, null,
                Optional.of(ClientCredentials.confidential(application, ClientApplications.secretOf(application))));
    }

    @When("{word} logs in through {string} with a wrong secret as {string} with password {string}")
    public void logsInThroughWithAWrongSecret(String actor, String application, String username, String password) {
        stage.actor(actor).logIn(username, password, null,
                Optional.of(ClientCredentials.confidential(application, ClientApplications.secretOf(application) + "-wrong")));
    }

    @Then("the bearer token says it was issued to {string}")
    public void theBearerTokenSaysItWasIssuedTo(String application) {
        Optional<AccessTokenClaims> claims = stage.gatehouse().claimsOf(stage.she().accessToken());
        assertTrue(claims.isPresent(), "the bearer token is valid");
        assertEquals(Optional.of(new ClientId(application)), claims.get().client());
    }

    @Then("the application is refused as unknown or unproven")
    public void theApplicationIsRefusedAsUnknownOrUnproven() {
        assertInstanceOf(LogInResult.InvalidClient.class, stage.theAnswer());
    }

    @Then("the application is refused as not allowed to log users in with a password")
    public void theApplicationIsRefusedAsNotAllowedToUsePasswords() {
        assertInstanceOf(LogInResult.UnauthorizedClient.class, stage.theAnswer());
    }

    @When("{string} renews her session with its secret")
    public void anotherApplicationRenewsHerSession(String application) {
        String hers = stage.she().refreshToken();
        stage.application(application).renewWith(hers,
                Optional.of(ClientCredentials.confidential(application, ClientApplications.secretOf(application))));
    }

    @Then("she can still renew her session through {string}")
    public void canStillRenewThrough(String application) {
        assertInstanceOf(RefreshResult.Refreshed.class, stage.she().renew(Optional.of(ClientCredentials.publicClient(application))));
    }

}
