package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Administrators managing accounts under {@code /admin/}. Who is an administrator is set up through the admin API by
 * the provisioned administrator ({@link Backstage}), so these scenarios run against a deployment too.
 */
public class AdministrationSteps {

    private final Stage stage;
    private final Backstage backstage;

    public AdministrationSteps(Stage stage, Backstage backstage) {
        this.stage = stage;
        this.backstage = backstage;
    }

    /** Registered over HTTP; the role is given by the provisioned administrator. */
    @Given("{word} is an administrator with username {string} and password {string}")
    public void isAnAdministrator(String actor, String username, String password) {
        Actor administrator = stage.actor(actor);
        GatehouseClient.Answer registration = administrator.register(Map.of("username", stage.username(username),
                "password", password));
        assertEquals(201, registration.status(), registration.body());
        backstage.makeAdministrator(administrator.username());
    }

    @Given("{word}'s account has been disabled")
    public void accountHasBeenDisabled(String actor) {
        backstage.disable(stage.actor(actor).username());
    }

    @When("{word} searches the accounts for {string}")
    public void searchesTheAccounts(String actor, String text) {
        stage.actor(actor).administer("GET", "admin/users?q=" + URLEncoder.encode(stage.username(text), StandardCharsets.UTF_8));
    }

    @Then("the search finds {string} only")
    public void theSearchFinds(String username) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of(stage.username(username)), answer.json().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(user -> user.getString("username")).toList());
        assertEquals(1, answer.json().getInt("total"));
    }

    @Then("the request is refused for lack of the {string} scope")
    public void refusedForLackOfScope(String scope) {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(403, answer.status(), answer.body());
        assertEquals("Not enough permissions", answer.detail());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"", answer.wwwAuthenticate());
    }

    @When("{word} disables the account {string}")
    public void disablesTheAccount(String actor, String username) {
        assertTrue(administers(actor, "POST", "admin/users/" + stage.username(username) + "/disable").getBoolean("disabled"));
    }

    @When("{word} enables the account {string}")
    public void enablesTheAccount(String actor, String username) {
        assertFalse(administers(actor, "POST", "admin/users/" + stage.username(username) + "/enable").getBoolean("disabled"));
    }

    @When("{word} unlocks the account {string}")
    public void unlocksTheAccount(String actor, String username) {
        administers(actor, "POST", "admin/users/" + stage.username(username) + "/unlock");
    }

    @When("{word} gives the account {string} the role {string}")
    public void givesTheRole(String actor, String username, String role) {
        JsonObject user = administers(actor, "PUT", "admin/users/" + stage.username(username) + "/roles/" + role);
        assertTrue(user.getJsonArray("roles").contains(Json.createValue(role)), user::toString);
        if (role.equals("admin")) {
            backstage.madeAdministrator(user.getString("username"));
        }
    }

    @When("{word} ends the sessions of the account {string}")
    public void endsTheSessions(String actor, String username) {
        administers(actor, "DELETE", "admin/users/" + stage.username(username) + "/sessions");
    }

    /** A deployment keeps no administrator whose password the features publish. */
    @After("@" + RunningGatehouse.ADMINISTRATOR_TAG)
    public void retireTheAdministratorsMade() {
        backstage.retireAdministrators();
    }

    private JsonObject administers(String actor, String method, String path) {
        GatehouseClient.Answer answer = stage.actor(actor).administer(method, path);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }
}
