package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registering an account: {@code POST /users/}. */
public class RegistrationSteps {

    private final Stage stage;

    public RegistrationSteps(Stage stage) {
        this.stage = stage;
    }

    @Given("{word} has registered as {string} with password {string}")
    public void hasRegistered(String actor, String username, String password) {
        registers(actor, username, password);
        assertEquals(201, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @Given("{word} has registered as {string} with password {string} and full name {string}")
    public void hasRegisteredWithFullName(String actor, String username, String password, String fullName) {
        register(stage.actor(actor), username, password, Map.of("full_name", fullName));
        assertEquals(201, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("{word} registers as {string} with password {string}, e-mail {string} and full name {string}")
    public void registersWithProfile(String actor, String username, String password, String email, String fullName) {
        register(stage.actor(actor), username, password, Map.of("email", email, "full_name", fullName));
    }

    @When("{word} registers as {string} with password {string}")
    public void registers(String actor, String username, String password) {
        register(stage.actor(actor), username, password, Map.of());
    }

    @When("someone else registers as {string} with password {string}")
    public void someoneElseRegisters(String username, String password) {
        register(stage.actor("someone else"), username, password, Map.of());
    }

    @When("{word} registers as {string} with password {string} claiming to be disabled")
    public void registersClaimingToBeDisabled(String actor, String username, String password) {
        register(stage.actor(actor), username, password, Map.of("disabled", true, "hashed_password", "$plain$" + password));
    }

    @Then("the account is created with username {string}, e-mail {string} and full name {string}")
    public void theAccountIsCreatedWith(String username, String email, String fullName) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(201, answer.status(), answer.body());
        JsonObject user = answer.json();
        assertEquals(stage.username(username), user.getString("username"));
        assertEquals(email, user.getString("email"));
        assertEquals(fullName, user.getString("full_name"));
        assertFalse(user.getBoolean("disabled"));
    }

    @Then("the account is created and active")
    public void theAccountIsCreatedAndActive() {
        Actor registrant = stage.inTheSpotlight();
        GatehouseClient.Answer answer = registrant.answer();
        assertEquals(201, answer.status(), answer.body());
        assertFalse(answer.json().getBoolean("disabled"));
        GatehouseClient.Answer login = stage.actor("someone")
                .logIn(answer.json().getString("username"), registrant.lastPassword(), null, null);
        assertEquals(200, login.status(), login.body());
    }

    @Then("the answer does not reveal the password or its hash")
    public void theAnswerDoesNotRevealThePassword() {
        Actor registrant = stage.inTheSpotlight();
        GatehouseClient.Answer answer = registrant.answer();
        assertFalse(answer.body().contains(registrant.lastPassword()), answer.body());
        assertFalse(answer.body().contains("argon2"), answer.body());
        assertFalse(answer.json().containsKey("password"));
        assertFalse(answer.json().containsKey("hashed_password"));
    }

    @Then("the registration is refused because {string}")
    public void theRegistrationIsRefusedBecause(String detail) {
        assertEquals(409, stage.theAnswer().status(), stage.theAnswer().body());
        assertEquals(detail, stage.theAnswer().detail());
    }

    @Then("the registration is refused as invalid because {string}")
    public void theRegistrationIsRefusedAsInvalid(String message) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(422, answer.status(), answer.body());
        JsonObject error = answer.json().getJsonArray("detail").getJsonObject(0);
        assertEquals(message, error.getString("msg"));
        assertEquals("password", error.getJsonArray("loc").getString(1));
    }

    private void register(Actor actor, String username, String password, Map<String, Object> profile) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", stage.username(username));
        fields.put("password", password);
        fields.putAll(profile);
        actor.register(fields);
    }
}
