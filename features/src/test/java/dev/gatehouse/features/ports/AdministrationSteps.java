package dev.gatehouse.features.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.SearchUsersQuery;
import dev.gatehouse.application.port.in.UserListing;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Administrators managing accounts: the administration use cases. Set-up is done by the console, as the command
 * line does it ({@code create-user --admin}, {@code disable}).
 */
public class AdministrationSteps {

    private static final int PAGE_SIZE = 20;

    private final Stage stage;

    public AdministrationSteps(Stage stage) {
        this.stage = stage;
    }

    @Given("{word} is an administrator with username {string} and password {string}")
    public void isAnAdministrator(String actor, String username, String password) {
        assertInstanceOf(RegisterUserResult.Registered.class,
                stage.actor(actor).register(username, password, Optional.empty(), Optional.empty()));
        assertInstanceOf(AdminResult.Done.class, stage.gatehouse().changeUserRole().changeRole(byConsole(username), Role.ADMIN, true));
    }

    @Given("{word}'s account has been disabled")
    public void accountHasBeenDisabled(String actor) {
        String username = stage.actor(actor).username();
        assertInstanceOf(AdminResult.Done.class, stage.gatehouse().setUserEnabled().setEnabled(byConsole(username), false));
    }

    @When("{word} searches the accounts for {string}")
    public void searchesTheAccounts(String actor, String text) {
        stage.actor(actor).administers(bearer -> stage.gatehouse().searchUsers().search(new SearchUsersQuery(bearer, text, 0, PAGE_SIZE)));
    }

    @Then("the search finds {string} only")
    public void theSearchFinds(String username) {
        UserListing listing = done(stage.theAnswer(), UserListing.class);
        assertEquals(List.of(username), listing.users().stream().map(user -> user.username().value()).toList());
        assertEquals(1, listing.total());
    }

    @Then("the request is refused for lack of the {string} scope")
    public void refusedForLackOfScope(String scope) {
        assertEquals(ScopePolicy.ADMIN.value(), scope, "the administration use cases ask for the admin scope");
        AdminResult.Refused<?> refused = assertInstanceOf(AdminResult.Refused.class, stage.theAnswer());
        assertEquals(AdminResult.Refusal.INSUFFICIENT_SCOPE, refused.refusal());
    }

    @When("{word} disables the account {string}")
    public void disablesTheAccount(String actor, String username) {
        assertTrue(administers(actor, username, action -> stage.gatehouse().setUserEnabled().setEnabled(action, false)).isDisabled());
    }

    @When("{word} enables the account {string}")
    public void enablesTheAccount(String actor, String username) {
        assertFalse(administers(actor, username, action -> stage.gatehouse().setUserEnabled().setEnabled(action, true)).isDisabled());
    }

    @When("{word} unlocks the account {string}")
    public void unlocksTheAccount(String actor, String username) {
        administers(actor, username, action -> stage.gatehouse().unlockUser().unlock(action));
    }

    @When("{word} gives the account {string} the role {string}")
    public void givesTheRole(String actor, String username, String role) {
        User user = administers(actor, username, action -> stage.gatehouse().changeUserRole().changeRole(action, new Role(role), true));
        assertTrue(user.holds(new Role(role)), user::toString);
    }

    @When("{word} ends the sessions of the account {string}")
    public void endsTheSessions(String actor, String username) {
        administers(actor, username, action -> stage.gatehouse().endUserSessions().endSessions(action));
    }

    private User administers(String actor, String username, Function<AccountAction, AdminResult<User>> request) {
        AdminResult<User> result = stage.actor(actor).administers(bearer ->
                request.apply(new AccountAction(bearer, new Username(username), Actor.ADDRESS)));
        return done(result, User.class);
    }

    private static <T> T done(Object result, Class<T> type) {
        return type.cast(assertInstanceOf(AdminResult.Done.class, result, "done").value());
    }

    private static AccountAction byConsole(String username) {
        return new AccountAction(dev.gatehouse.application.port.in.Actor.console(), new Username(username), Actor.ADDRESS);
    }
}
