package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Map;

/**
 * "I forgot my password" and "verify my address": asking for a link, reading it from the mail Gatehouse delivers
 * ({@link MailCatcher}), and using it. E-mail addresses in the features get the scenario's suffix, like usernames.
 */
public class AccountRecoverySteps {

    private static final String RESET_PATH = "/password-reset";
    private static final String VERIFICATION_PATH = "/email-verification";

    private final Stage stage;
    private String lastLink;

    public AccountRecoverySteps(Stage stage) {
        this.stage = stage;
    }

    /** The address the server sees: its local part with the scenario's suffix, so every scenario has its own mailbox. */
    private String address(String address) {
        int at = address.indexOf('@');
        return stage.username(address.substring(0, at)) + address.substring(at);
    }

    @Given("addresses must be verified")
    public void addressesMustBeVerified() {
        stage.playAgainst(RunningGatehouse.verifyingAddresses());
    }

    @Given("{word} has registered as {string} with password {string} and e-mail {string}")
    public void hasRegisteredWithEmail(String actor, String username, String password, String email) {
        stage.actor(actor).register(Map.of("username", stage.username(username), "password", password, "email", address(email)));
        assertEquals(201, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("{word} asks for a password reset for {string}")
    public void asksForAReset(String actor, String account) {
        stage.actor(actor).postsJson("password-reset", Map.of("account", account.contains("@") ? address(account) : stage.username(account)));
    }

    @When("{word} asks for a new verification link for {string}")
    public void asksForAVerificationLink(String actor, String account) {
        stage.actor(actor).postsJson("email-verification",
                Map.of("account", account.contains("@") ? address(account) : stage.username(account)));
    }

    @Then("{word} is/are told that a link is on its way if the account exists")
    public void toldALinkIsOnItsWay(String who) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(202, answer.status(), answer.body());
        assertTrue(answer.detail().contains("on its way"), answer.body());
    }

    @Then("a password-reset mail arrives at {string}")
    public void aResetMailArrives(String email) {
        lastLink = MailCatcher.get().awaitLink(address(email), RESET_PATH, 1);
    }

    @Then("a verification mail arrives at {string}")
    public void aVerificationMailArrives(String email) {
        lastLink = MailCatcher.get().awaitLink(address(email), VERIFICATION_PATH, 1);
    }

    @Then("a second verification mail arrives at {string}")
    public void aSecondVerificationMailArrives(String email) {
        lastLink = MailCatcher.get().awaitLink(address(email), VERIFICATION_PATH, 2);
    }

    @When("{word} sets the new password {string} with the link from the mail")
    public void setsANewPassword(String actor, String password) {
        stage.actor(actor).postsJson("password-reset/confirm", Map.of("token", lastLink, "new_password", password));
    }

    @Then("the new password is set")
    public void theNewPasswordIsSet() {
        assertEquals(204, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("{word} verifies the address with the link from the mail")
    public void verifiesTheAddress(String actor) {
        stage.actor(actor).postsJson("email-verification/confirm", Map.of("token", lastLink));
    }

    @Then("the address {string} is verified")
    public void theAddressIsVerified(String email) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(200, answer.status(), answer.body());
        assertEquals(address(email), answer.json().getString("email"));
        assertTrue(answer.json().getBoolean("email_verified"));
    }

    @Then("the link is refused as used, expired or unknown")
    public void theLinkIsRefused() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_token", answer.json().getString("error"));
    }

    @Then("{word} is told the e-mail address is not verified yet")
    public void toldNotVerified(String actor) {
        GatehouseClient.Answer answer = stage.actor(actor).answer();
        assertEquals(403, answer.status(), answer.body());
        assertEquals("email_not_verified", answer.json().getString("error"));
    }

    @When("{word} changes her/his/their e-mail address to {string} with the password {string}")
    public void changesTheAddress(String actor, String email, String password) {
        GatehouseClient.Answer answer = stage.actor(actor).postsJsonAsThemselves("users/me/email",
                Map.of("email", address(email), "current_password", password));
        assertEquals(202, answer.status(), answer.body());
    }

    @Then("{word}'s e-mail address is still {string}")
    public void theAddressIsStill(String actor, String email) {
        GatehouseClient.Answer answer = stage.actor(actor).asksWhoTheyAre();
        assertEquals(200, answer.status(), answer.body());
        assertEquals(address(email), answer.json().getString("email"));
    }

    @Then("a mail about {string} arrives at {string}")
    public void aMailAboutArrives(String words, String email) {
        MailCatcher.get().awaitSubject(address(email), words);
    }

    @Then("no mail has reached {string}")
    public void noMailHasReached(String email) {
        assertEquals(0, MailCatcher.get().linksTo(address(email), RESET_PATH).size()
                + MailCatcher.get().linksTo(address(email), VERIFICATION_PATH).size());
    }
}
