package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.User;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Optional;

/** Reading the current user with a bearer token: {@code CurrentUserUseCase}. */
public class CurrentUserSteps {

    private final Stage stage;

    public CurrentUserSteps(Stage stage) {
        this.stage = stage;
    }

    @When("she asks who she is")
    public void asksWhoSheIs() {
        stage.she().asksWhoTheyAre();
    }

    @When("she asks who she is with a tampered token")
    public void asksWithTamperedToken() {
        Actor she = stage.she();
        String token = she.accessToken();
        she.asksWhoTheyAre(token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"));
    }

    @Then("she is told she is {string} with full name {string}, active")
    public void sheIsToldWhoSheIs(String username, String fullName) {
        User user = assertInstanceOf(CurrentUserResult.Authenticated.class, stage.she().answer()).user();
        assertEquals(username, user.username().value());
        assertEquals(Optional.of(new FullName(fullName)), user.fullName());
        assertTrue(user.isActive());
        assertEquals(Optional.empty(), user.email());
    }

    @Then("the request is refused because {string}")
    public void theRequestIsRefusedBecause(String detail) {
        Verdicts.assertMeans(detail, stage.theAnswer());
    }

    @Then("she is told {string}")
    public void sheIsTold(String detail) {
        Verdicts.assertMeans(detail, stage.she().answer());
    }

    @Then("{word}'s bearer token is refused because {string}")
    public void bearerTokenIsRefused(String actor, String detail) {
        Verdicts.assertMeans(detail, stage.actor(actor).asksWhoTheyAre());
    }

    @Then("her bearer token is refused because {string}")
    public void herBearerTokenIsRefused(String detail) {
        Verdicts.assertMeans(detail, stage.she().asksWhoTheyAre());
    }
}
