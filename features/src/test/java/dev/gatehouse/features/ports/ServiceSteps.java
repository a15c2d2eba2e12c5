package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.features.ClientApplications;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.Optional;

/**
 * A service asking for a token about itself, on the ports: the client credentials grant. "No refresh token comes with
 * it" holds by the result's shape here ({@link ClientCredentialsGrantResult.Issued} has none); the HTTP glue checks the
 * body.
 */
public class ServiceSteps {

    private final Stage stage;

    public ServiceSteps(Stage stage) {
        this.stage = stage;
    }

    @When("{string} asks for a token for itself with its secret")
    public void asksWithItsSecret(String application) {
        asks(application, ClientCredentials.confidential(application, ClientApplications.secretOf(application)), null);
    }

    @When("{string} asks for a token for itself with its secret, for the scope {string}")
    public void asksWithItsSecretFor(String application, String scope) {
        asks(application, ClientCredentials.confidential(application, ClientApplications.secretOf(application)), scope);
    }

    @When("{string} asks for a token for itself with a wrong secret")
    public void asksWithAWrongSecret(String application) {
        asks(application, ClientCredentials.confidential(application, ClientApplications.secretOf(application) + "-wrong"), null);
    }

    @When("{string} asks for a token for itself without a secret")
    public void asksWithoutASecret(String application) {
        asks(application, ClientCredentials.publicClient(application), null);
    }

    @Then("it receives a bearer token valid for {int} minutes, about {string} itself")
    public void receivesATokenAboutItself(int minutes, String application) {
        ClientCredentialsGrantResult.Issued issued = issued();
        assertEquals(Duration.ofMinutes(minutes), issued.accessToken().lifetime());
        Optional<ClientTokenClaims> claims = stage.gatehouse().clientClaimsOf(issued.accessToken().value());
        assertTrue(claims.isPresent(), "a valid token about a client");
        assertEquals(new ClientId(application), claims.get().client());
    }

    @Then("the token carries the scopes {string}")
    public void carriesTheScopes(String scopes) {
        assertEquals(Scope.parseList(scopes), issued().accessToken().scopes());
    }

    @Then("no refresh token comes with it")
    public void noRefreshToken() {
        issued();
    }

    @Then("the request for a token is refused as asking for a scope that is not allowed")
    public void refusedForScope() {
        assertInstanceOf(ClientCredentialsGrantResult.InvalidScope.class, stage.theAnswer());
    }

    @Then("the request for a token is refused as coming from an unknown or unproven application")
    public void refusedAsUnknown() {
        assertInstanceOf(ClientCredentialsGrantResult.InvalidClient.class, stage.theAnswer());
    }

    @Then("the request for a token is refused as not allowed for this application")
    public void refusedAsNotAllowed() {
        assertInstanceOf(ClientCredentialsGrantResult.UnauthorizedClient.class, stage.theAnswer());
    }

    private void asks(String application, ClientCredentials credentials, String scope) {
        stage.application(application).asksForItsOwnToken(credentials, scope);
    }

    private ClientCredentialsGrantResult.Issued issued() {
        return assertInstanceOf(ClientCredentialsGrantResult.Issued.class, stage.theAnswer());
    }
}
