package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogOutResult;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RevokeResult;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Optional;

/**
 * Staying logged in and logging out: {@code RefreshTokenUseCase}, {@code LogOutUseCase}, {@code RevokeTokenUseCase},
 * a thief with a copied refresh token, and a second device.
 */
public class SessionSteps {

    private final Stage stage;

    public SessionSteps(Stage stage) {
        this.stage = stage;
    }

    @When("she renews her session")
    public void renewsHerSession() {
        stage.she().renew(Optional.empty());
    }

    @Given("she has renewed her session")
    public void hasRenewedHerSession() {
        assertInstanceOf(RefreshResult.Refreshed.class, stage.she().renew(Optional.empty()));
    }

    @When("she renews her session with the refresh token she already used")
    public void renewsWithAUsedToken() {
        Actor she = stage.she();
        she.renewWith(she.spentRefreshToken(), Optional.empty());
    }

    /** After a renewal or a password change: both start the next part of her session. */
    @Then("she receives a new bearer token and a new refresh token")
    public void receivesNewTokens() {
        Actor she = stage.she();
        String renewed = switch (she.answer()) {
            case RefreshResult.Refreshed refreshed -> refreshed.refreshToken();
            case ChangePasswordResult.Changed changed -> changed.refreshToken();
            default -> throw new AssertionError("no new tokens: " + she.answer());
        };
        assertNotEquals(she.spentRefreshToken(), renewed, "a renewal replaces the refresh token");
    }

    @Then("the new bearer token works")
    public void theNewBearerTokenWorks() {
        assertInstanceOf(CurrentUserResult.Authenticated.class, stage.she().asksWhoTheyAre());
    }

    @Then("the renewal is refused as an invalid grant")
    public void theRenewalIsRefused() {
        assertInstanceOf(RefreshResult.InvalidGrant.class, stage.theAnswer());
    }

    @Then("she can still renew her session")
    public void canStillRenew() {
        hasRenewedHerSession();
    }

    @Then("she can no longer renew her session")
    public void canNoLongerRenew() {
        assertInstanceOf(RefreshResult.InvalidGrant.class, stage.she().renew(Optional.empty()));
    }

    @Given("a thief has copied her refresh token")
    public void aThiefCopiesTheRefreshToken() {
        String hers = stage.she().refreshToken();
        stage.actor("the thief").copies(hers);
    }

    @When("the thief renews the session with the copied refresh token")
    public void theThiefRenews() {
        stage.actor("the thief").renew(Optional.empty());
    }

    @When("she logs out")
    public void logsOut() {
        assertInstanceOf(LogOutResult.LoggedOut.class, stage.she().logOut(false));
    }

    @When("she logs out everywhere")
    public void logsOutEverywhere() {
        assertInstanceOf(LogOutResult.LoggedOut.class, stage.she().logOut(true));
    }

    @When("she revokes her refresh token")
    public void revokesHerRefreshToken() {
        Actor she = stage.she();
        assertInstanceOf(RevokeResult.Done.class, she.revoke(she.refreshToken()));
    }

    @When("she revokes her bearer token")
    public void revokesHerBearerToken() {
        Actor she = stage.she();
        assertInstanceOf(RevokeResult.Done.class, she.revoke(she.accessToken()));
    }

    @Given("{word} has also logged in on her laptop as {string} with password {string}")
    public void hasLoggedInOnHerLaptop(String actor, String username, String password) {
        Actor laptop = stage.actor(actor).laptop();
        assertInstanceOf(LogInResult.LoggedIn.class, laptop.logIn(username, password, null, Optional.empty()));
        assertInstanceOf(CurrentUserResult.Authenticated.class, laptop.asksWhoTheyAre(), "the laptop's token works at first");
    }

    @Then("her laptop's bearer token is refused because {string}")
    public void theLaptopsTokenIsRefused(String detail) {
        Verdicts.assertMeans(detail, stage.she().laptop().asksWhoTheyAre());
    }

    @Then("her laptop can no longer renew its session")
    public void theLaptopCannotRenew() {
        assertInstanceOf(RefreshResult.InvalidGrant.class, stage.she().laptop().renew(Optional.empty()));
    }
}
