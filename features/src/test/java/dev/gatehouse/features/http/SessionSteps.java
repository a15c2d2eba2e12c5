package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/**
 * Staying logged in and logging out: the refresh grant of {@code POST /token}, {@code /logout}, {@code /revoke},
 * a thief with a copied refresh token, and a second device.
 */
public class SessionSteps {

    private final Stage stage;

    public SessionSteps(Stage stage) {
        this.stage = stage;
    }

    @When("she renews her session")
    public void renewsHerSession() {
        stage.she().renew(null);
    }

    @Given("she has renewed her session")
    public void hasRenewedHerSession() {
        GatehouseClient.Answer renewal = stage.she().renew(null);
        assertEquals(200, renewal.status(), renewal.body());
    }

    @When("she renews her session with the refresh token she already used")
    public void renewsWithAUsedToken() {
        Actor she = stage.she();
        she.renewWith(she.spentRefreshToken(), null);
    }

    @Then("she receives a new bearer token and a new refresh token")
    public void receivesNewTokens() {
        Actor she = stage.she();
        GatehouseClient.Answer answer = she.answer();
        assertEquals(200, answer.status(), answer.body());
        assertEquals("bearer", answer.json().getString("token_type"));
        assertEquals("no-store", answer.cacheControl());
        String renewed = answer.json().getString("refresh_token");
        assertFalse(renewed.isBlank());
        assertFalse(renewed.equals(she.spentRefreshToken()), "a renewal replaces the refresh token");
    }

    @Then("the new bearer token works")
    public void theNewBearerTokenWorks() {
        GatehouseClient.Answer me = stage.she().asksWhoTheyAre();
        assertEquals(200, me.status(), me.body());
    }

    @Then("the renewal is refused as an invalid grant")
    public void theRenewalIsRefused() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_grant", answer.json().getString("error"));
    }

    @Then("she can still renew her session")
    public void canStillRenew() {
        hasRenewedHerSession();
    }

    @Then("she can no longer renew her session")
    public void canNoLongerRenew() {
        assertRefusedAsInvalidGrant(stage.she().renew(null));
    }

    @Given("a thief has copied her refresh token")
    public void aThiefCopiesTheRefreshToken() {
        String hers = stage.she().refreshToken();
        stage.actor("the thief").copies(hers);
    }

    @When("the thief renews the session with the copied refresh token")
    public void theThiefRenews() {
        stage.actor("the thief").renew(null);
    }

    @When("she logs out")
    public void logsOut() {
        GatehouseClient.Answer logout = stage.she().logOut(false);
        assertEquals(204, logout.status(), logout.body());
    }

    @When("she logs out everywhere")
    public void logsOutEverywhere() {
        GatehouseClient.Answer logout = stage.she().logOut(true);
        assertEquals(204, logout.status(), logout.body());
    }

    @When("she revokes her refresh token")
    public void revokesHerRefreshToken() {
        Actor she = stage.she();
        GatehouseClient.Answer revocation = she.revoke(she.refreshToken());
        assertEquals(200, revocation.status(), revocation.body());
    }

    @When("she revokes her bearer token")
    public void revokesHerBearerToken() {
        Actor she = stage.she();
        GatehouseClient.Answer revocation = she.revoke(she.accessToken());
        assertEquals(200, revocation.status(), revocation.body());
    }

    @Given("{word} has also logged in on her laptop as {string} with password {string}")
    public void hasLoggedInOnHerLaptop(String actor, String username, String password) {
        Actor laptop = stage.actor(actor).laptop();
        GatehouseClient.Answer login = laptop.logIn(stage.username(username), password, null, null);
        assertEquals(200, login.status(), login.body());
        assertEquals(200, laptop.asksWhoTheyAre().status(), "the laptop's token works at first");
    }

    @Then("her laptop's bearer token is refused because {string}")
    public void theLaptopsTokenIsRefused(String detail) {
        GatehouseClient.Answer me = stage.she().laptop().asksWhoTheyAre();
        assertEquals(401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }

    @Then("her laptop can no longer renew its session")
    public void theLaptopCannotRenew() {
        assertRefusedAsInvalidGrant(stage.she().laptop().renew(null));
    }

    private static void assertRefusedAsInvalidGrant(GatehouseClient.Answer renewal) {
        assertEquals(400, renewal.status(), renewal.body());
        assertEquals("invalid_grant", renewal.json().getString("error"));
    }
}
