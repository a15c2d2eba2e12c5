package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.domain.Username;
import dev.gatehouse.features.AuthenticatorApp;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Signing in with a second factor" on the use cases: enrolment, the password login's {@code MfaRequired} and the
 * second step that completes it, and an administrator's reset. Codes come from each person's {@link AuthenticatorApp},
 * on the scenarios' clock.
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
        StartTwoFactorResult.Started started = assertInstanceOf(StartTwoFactorResult.Started.class,
                person(actor).startsTwoFactor());
        assertTrue(started.otpauthUri().startsWith("otpauth://totp/"));
        apps.put(person(actor).name(), AuthenticatorApp.withSecret(started.secret()));
    }

    @When("{word} confirms the app with its code of the moment")
    public void confirmsTheApp(String actor) {
        Actor person = person(actor);
        TwoFactorResult.Done confirmed = assertInstanceOf(TwoFactorResult.Done.class,
                person.confirmsTwoFactor(appOf(person.name()).codeOfTheMoment(stage.gatehouse().now())));
        appOf(person.name()).writeDown(confirmed.recoveryCodes());
    }

    @Given("{word} has confirmed an authenticator app")
    public void hasConfirmedAnApp(String actor) {
        addsAnApp(actor);
        confirmsTheApp(actor);
    }

    @Then("{word} is given ten recovery codes")
    public void isGivenTenRecoveryCodes(String actor) {
        List<String> codes = appOf(person(actor).name()).recoveryCodes();
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count(), "every recovery code differs");
    }

    @Then("her password alone still signs her in")
    public void herPasswordAloneStillSignsHerIn() {
        Actor she = stage.she();
        assertInstanceOf(LogInResult.LoggedIn.class, she.logIn(she.username(), she.lastPassword(), null, Optional.empty()));
    }

    @Then("her password alone no longer signs her in: she is asked for a code")
    public void herPasswordAloneNoLongerSignsHerIn() {
        Actor she = stage.she();
        assertInstanceOf(LogInResult.MfaRequired.class, she.logIn(she.username(), she.lastPassword(), null, Optional.empty()));
    }

    /**
     * The mfa token of the login waiting for the actor's code: that of their last answer when it asked for one, else
     * the one a wrong code left waiting.
     */
    private String mfaTokenOf(Actor actor) {
        if (actor.answer() instanceof LogInResult.MfaRequired required) {
            pendingLogins.put(actor.name(), required.mfaToken());
        }
        String mfaToken = pendingLogins.get(actor.name());
        assertTrue(mfaToken != null, actor.name() + " was not asked for a code: " + actor.answer());
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
        // The login still waits for its code: the same mfa token is good for the next try.
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
        assertInstanceOf(LogInResult.LoggedIn.class, stage.theAnswer());
        assertInstanceOf(CurrentUserResult.Authenticated.class, stage.inTheSpotlight().asksWhoTheyAre(),
                "the token speaks for her");
    }

    @Then("the code is refused")
    public void theCodeIsRefused() {
        assertInstanceOf(LogInResult.InvalidCredentials.class, stage.theAnswer());
    }

    @When("{word} takes the second factor off the account {string}")
    public void takesTheSecondFactorOff(String actor, String username) {
        AdminResult<?> result = stage.actor(actor).administers(bearer -> stage.gatehouse().resetTwoFactor()
                .resetTwoFactor(new AccountAction(bearer, new Username(username), Actor.ADDRESS)));
        assertInstanceOf(AdminResult.Done.class, result);
    }
}
