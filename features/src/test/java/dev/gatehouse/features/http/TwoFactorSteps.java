package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.features.AuthenticatorApp;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Signing in with a second factor" over HTTP: enrolment under {@code /users/me/two-factor}, the password grant's
 * {@code 403 mfa_required} and the mfa-otp grant that completes it, and an administrator's reset. Codes come from each
 * person's {@link AuthenticatorApp}, on the server's own clock (the real one).
 */
public class TwoFactorSteps {

    private final Stage stage;
    private final Map<String, AuthenticatorApp> apps = new HashMap<>();
    private final Map<String, String> pendingLogins = new HashMap<>();
    private String lastCodeGiven;

    public TwoFactorSteps(Stage stage) {
        this.stage = stage;
    }

    /** The actor named, or the one "she" stands for. */
    private Actor person(String actor) {
        return "she".equals(actor) ? stage.she() : stage.actor(actor);
    }

    private AuthenticatorApp appOf(String actor) {
        AuthenticatorApp app = apps.get(actor);
        assertTrue(app != null, actor + " has added no authenticator app");
        return app;
    }

    @When("{word} adds an authenticator app")
    public void addsAnApp(String actor) {
        GatehouseClient.Answer started = stage.actor(actor).postsJsonAsThemselves("users/me/two-factor", Map.of());
        assertEquals(201, started.status(), started.body());
        assertTrue(started.json().getString("otpauth_uri").startsWith("otpauth://totp/"), started.body());
        apps.put(actor, AuthenticatorApp.withSecret(started.json().getString("secret")));
    }

    @When("{word} confirms the app with its code of the moment")
    public void confirmsTheApp(String actor) {
        Actor person = person(actor);
        String code = appOf(person.name()).codeOfTheMoment(stage.gatehouse().now());
        GatehouseClient.Answer confirmed = person.postsJsonAsThemselves("users/me/two-factor/confirm", Map.of("code", code));
        assertEquals(200, confirmed.status(), confirmed.body());
        appOf(person.name()).writeDown(confirmed.json().getJsonArray("recovery_codes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
    }

    @Given("{word} has confirmed an authenticator app")
    public void hasConfirmedAnApp(String actor) {
        addsAnApp(actor);
        confirmsTheApp(actor);
    }

    @Then("{word} is given ten recovery codes")
    public void isGivenTenRecoveryCodes(String actor) {
        List<String> codes = appOf(stage.she().name()).recoveryCodes();
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count(), "every recovery code differs");
    }

    @Then("her password alone still signs her in")
    public void herPasswordAloneStillSignsHerIn() {
        Actor she = stage.she();
        GatehouseClient.Answer answer = she.logIn(she.username(), she.lastPassword(), null, null);
        assertEquals(200, answer.status(), answer.body());
    }

    @Then("her password alone no longer signs her in: she is asked for a code")
    public void herPasswordAloneNoLongerSignsHerIn() {
        Actor she = stage.she();
        she.logIn(she.username(), she.lastPassword(), null, null);
        theySAskedForACode();
    }

    private void theySAskedForACode() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(403, answer.status(), answer.body());
        assertEquals("mfa_required", answer.json().getString("error"), answer.body());
        assertTrue(answer.json().getString("mfa_token").length() >= 22, answer.body());
    }

    /**
     * The mfa_token of the login waiting for the actor's code: that of their last answer when it asked for one, else
     * the one a wrong code left waiting.
     */
    private String mfaTokenOf(Actor actor) {
        GatehouseClient.Answer answer = actor.answer();
        if (answer.status() == 403) {
            pendingLogins.put(actor.name(), answer.json().getString("mfa_token"));
        }
        String mfaToken = pendingLogins.get(actor.name());
        assertTrue(mfaToken != null, actor.name() + " was not asked for a code: " + answer.body());
        return mfaToken;
    }

    @When("{word} gives the app's code of the moment")
    public void givesTheCodeOfTheMoment(String actor) {
        Actor person = person(actor);
        lastCodeGiven = appOf(person.name()).codeOfTheMoment(stage.gatehouse().now());
        person.completesLogin(mfaTokenOf(person), lastCodeGiven, null);
    }

    @When("{word} gives a code her app does not show")
    public void givesAWrongCode(String actor) {
        Actor person = person(actor);
        // The login still waits for its code: the same mfa_token is good for the next try.
        person.completesLogin(mfaTokenOf(person), appOf(person.name()).wrongCode(stage.gatehouse().now()), null);
    }

    @When("{word} gives the code {word} gave")
    public void givesTheCodeSomeoneGave(String actor, String other) {
        Actor person = stage.actor(actor);
        person.completesLogin(mfaTokenOf(person), lastCodeGiven, null);
    }

    @When("{word} gives her first recovery code")
    public void givesHerFirstRecoveryCode(String actor) {
        Actor person = person(actor);
        person.completesLogin(mfaTokenOf(person), null, appOf(person.name()).recoveryCodes().get(0));
    }

    @Then("{word} is signed in")
    public void isSignedIn(String actor) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(200, answer.status(), answer.body());
        assertEquals(200, stage.inTheSpotlight().asksWhoTheyAre().status(), "the token speaks for her");
    }

    @Then("the code is refused")
    public void theCodeIsRefused() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_grant", answer.json().getString("error"), answer.body());
    }

    @When("{word} takes the second factor off the account {string}")
    public void takesTheSecondFactorOff(String actor, String username) {
        GatehouseClient.Answer answer = stage.actor(actor).administer("DELETE", "admin/users/" + stage.username(username) + "/two-factor");
        assertEquals(200, answer.status(), answer.body());
    }
}
