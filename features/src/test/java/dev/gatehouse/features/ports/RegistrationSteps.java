package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.User;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Optional;

/** Registering an account: {@code RegisterUserUseCase}. */
public class RegistrationSteps {

    private final Stage stage;

    public RegistrationSteps(Stage stage) {
        this.stage = stage;
    }

    @Given("{word} has registered as {string} with password {string}")
    public void hasRegistered(String actor, String username, String password) {
        assertInstanceOf(RegisterUserResult.Registered.class,
                stage.actor(actor).register(username, password, Optional.empty(), Optional.empty()));
    }

    @Given("{word} has registered as {string} with password {string} and full name {string}")
    public void hasRegisteredWithFullName(String actor, String username, String password, String fullName) {
        assertInstanceOf(RegisterUserResult.Registered.class,
                stage.actor(actor).register(username, password, Optional.empty(), Optional.of(new FullName(fullName))));
    }

    @When("{word} registers as {string} with password {string}, e-mail {string} and full name {string}")
    public void registersWithProfile(String actor, String username, String password, String email, String fullName) {
        stage.actor(actor).register(username, password, Optional.of(new EmailAddress(email)), Optional.of(new FullName(fullName)));
    }

    @When("{word} registers as {string} with password {string}")
    public void registers(String actor, String username, String password) {
        stage.actor(actor).register(username, password, Optional.empty(), Optional.empty());
    }

    @When("someone else registers as {string} with password {string}")
    public void someoneElseRegisters(String username, String password) {
        stage.actor("someone else").register(username, password, Optional.empty(), Optional.empty());
    }

    @Then("the account is created with username {string}, e-mail {string} and full name {string}")
    public void theAccountIsCreatedWith(String username, String email, String fullName) {
        User user = assertInstanceOf(RegisterUserResult.Registered.class, stage.theAnswer()).user();
        assertEquals(username, user.username().value());
        assertEquals(Optional.of(new EmailAddress(email)), user.email());
        assertEquals(Optional.of(new FullName(fullName)), user.fullName());
        assertFalse(user.isDisabled());
    }

    /** On the ports the answer is the account itself: it keeps only a one-way hash, and shows neither when printed. */
    @Then("the answer does not reveal the password or its hash")
    public void theAnswerDoesNotRevealThePassword() {
        Actor registrant = stage.inTheSpotlight();
        User user = assertInstanceOf(RegisterUserResult.Registered.class, registrant.answer()).user();
        assertFalse(user.passwordHash().encoded().contains(registrant.lastPassword()), "a one-way hash, not the password");
        assertFalse(user.toString().contains(registrant.lastPassword()), user::toString);
        assertFalse(user.toString().contains(user.passwordHash().encoded()), user::toString);
    }

    @Then("the registration is refused because {string}")
    public void theRegistrationIsRefusedBecause(String detail) {
        Verdicts.assertMeans(detail, stage.theAnswer());
    }

    @Then("the registration is refused as invalid because {string}")
    public void theRegistrationIsRefusedAsInvalid(String message) {
        assertEquals(message, assertInstanceOf(RegisterUserResult.PasswordRejected.class, stage.theAnswer()).reason());
    }
}
