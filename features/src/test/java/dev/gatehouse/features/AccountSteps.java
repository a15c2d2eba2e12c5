package dev.gatehouse.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steps for registering, logging in, reading the current user, sessions (renewing, logging out, changing
 * the password) and client applications. Cucumber makes one instance per
 * scenario; every username a scenario mentions gets a suffix naming this run (random) and this scenario
 * (counted), keeping its case, so scenarios share one database without seeing each other's accounts, and
 * the pack can run again and again against the same deployment.
 */
public class AccountSteps {

    /** Six random base-36 characters: a new run never meets the accounts of an earlier one. */
    private static final String RUN = randomRunId();
    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    /** The client that stands for the actor's second device in the session scenarios. */
    private static final String LAPTOP = "laptop";

    /** One secret per confidential application and run, so that every scenario with the same applications shares a Gatehouse. */
    private static final Map<String, String> CLIENT_SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The default Gatehouse, with no client application registered, unless a scenario registers some first. */
    private RunningGatehouse gatehouse = RunningGatehouse.get();
    private final Map<String, GatehouseClient> clients = new HashMap<>();
    private final String suffix = "." + RUN + ".s" + SCENARIOS.incrementAndGet();
    private final Map<String, String> usernameOf = new HashMap<>();
    private final Map<String, String> accessTokenOf = new HashMap<>();
    private String lastPassword;
    private String accessToken;
    /** The actor whose login {@link #accessToken} came from: the "she" of the session steps. */
    private String sessionHolder = "she";
    private String refreshToken;
    private String usedRefreshToken;
    private String copiedRefreshToken;
    private String laptopAccessToken;
    private String laptopRefreshToken;
    private GatehouseClient.Answer answer;
    private java.util.Optional<String> verifiedSubject = java.util.Optional.empty();
    private JsonObject metadata;
    private boolean clientsRegistered;

    @Given("{word} has registered as {string} with password {string}")
    public void hasRegistered(String actor, String username, String password) {
        registers(actor, username, password);
        assertEquals(201, answer.status(), answer.body());
    }

    @Given("{word} has registered as {string} with password {string} and full name {string}")
    public void hasRegisteredWithFullName(String actor, String username, String password, String fullName) {
        register(actor, username, password, Map.of("full_name", fullName));
        assertEquals(201, answer.status(), answer.body());
    }

    @When("{word} registers as {string} with password {string}, e-mail {string} and full name {string}")
    public void registersWithProfile(String actor, String username, String password, String email, String fullName) {
        register(actor, username, password, Map.of("email", email, "full_name", fullName));
    }

    @When("{word} registers as {string} with password {string}")
    public void registers(String actor, String username, String password) {
        register(actor, username, password, Map.of());
    }

    @When("someone else registers as {string} with password {string}")
    public void someoneElseRegisters(String username, String password) {
        register("someone else", username, password, Map.of());
    }

    @When("{word} registers as {string} with password {string} claiming to be disabled")
    public void registersClaimingToBeDisabled(String actor, String username, String password) {
        register(actor, username, password, Map.of("disabled", true, "hashed_password", "$plain$" + password));
    }

    @Then("the account is created with username {string}, e-mail {string} and full name {string}")
    public void theAccountIsCreatedWith(String username, String email, String fullName) {
        assertEquals(201, answer.status(), answer.body());
        JsonObject user = answer.json();
        assertEquals(actual(username), user.getString("username"));
        assertEquals(email, user.getString("email"));
        assertEquals(fullName, user.getString("full_name"));
        assertFalse(user.getBoolean("disabled"));
    }

    @Then("the account is created and active")
    public void theAccountIsCreatedAndActive() {
        assertEquals(201, answer.status(), answer.body());
        assertFalse(answer.json().getBoolean("disabled"));
        assertEquals(200, clientOf("someone").logIn(answer.json().getString("username"), lastPassword).status());
    }

    @Then("the answer does not reveal the password or its hash")
    public void theAnswerDoesNotRevealThePassword() {
        assertFalse(answer.body().contains(lastPassword), answer.body());
        assertFalse(answer.body().contains("argon2"), answer.body());
        assertFalse(answer.json().containsKey("password"));
        assertFalse(answer.json().containsKey("hashed_password"));
    }

    @Then("the registration is refused because {string}")
    public void theRegistrationIsRefusedBecause(String detail) {
        assertEquals(409, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
    }

    @Then("the registration is refused as invalid because {string}")
    public void theRegistrationIsRefusedAsInvalid(String message) {
        assertEquals(422, answer.status(), answer.body());
        JsonObject error = answer.json().getJsonArray("detail").getJsonObject(0);
        assertEquals(message, error.getString("msg"));
        assertEquals("password", error.getJsonArray("loc").getString(1));
    }

    @Then("{word} can log in as {string} with password {string}")
    public void canLogIn(String actor, String username, String password) {
        GatehouseClient.Answer login = clientOf(actor).logIn(actual(username), password);
        assertEquals(200, login.status(), login.body());
    }

    @Then("logging in as {string} with password {string} fails")
    public void loggingInFails(String username, String password) {
        GatehouseClient.Answer login = clientOf("someone").logIn(actual(username), password);
        assertEquals(401, login.status(), login.body());
    }

    @When("{word} logs in as {string} with password {string}")
    public void logsIn(String actor, String username, String password) {
        logsInAskingFor(actor, username, password, null);
    }

    @When("{word} logs in as {string} with password {string} asking for the {string} scope")
    public void logsInAskingFor(String actor, String username, String password, String scope) {
        answer = clientOf(actor).logIn(actual(username), password, scope);
        if (answer.status() == 200) {
            accessToken = answer.json().getString("access_token");
            refreshToken = answer.json().getString("refresh_token");
            accessTokenOf.put(actor, accessToken);
            sessionHolder = actor;
        }
    }

    @Given("{word} has logged in as {string} with password {string} asking for the {string} scope")
    public void hasLoggedInAskingFor(String actor, String username, String password, String scope) {
        logsInAskingFor(actor, username, password, scope);
        assertEquals(200, answer.status(), answer.body());
    }

    // ---- administration

    /** Registered over HTTP; the role is given in the store, as the command line gives the first administrator. */
    @Given("{word} is an administrator with username {string} and password {string}")
    public void isAnAdministrator(String actor, String username, String password) {
        registers(actor, username, password);
        assertEquals(201, answer.status(), answer.body());
        User user = gatehouse.users().findByUsername(new Username(actual(username))).orElseThrow();
        gatehouse.users().change(user.id(), stored -> stored.withRole(Role.ADMIN));
    }

    @When("{word} searches the accounts for {string}")
    public void searchesTheAccounts(String actor, String text) {
        answer = clientOf(actor).administer("GET", "admin/users?q=" + java.net.URLEncoder.encode(actual(text),
                java.nio.charset.StandardCharsets.UTF_8), tokenOf(actor));
    }

    @Then("the search finds {string} only")
    public void theSearchFinds(String username) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of(actual(username)), answer.json().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(user -> user.getString("username")).toList());
        assertEquals(1, answer.json().getInt("total"));
    }

    @Then("the request is refused for lack of the {string} scope")
    public void refusedForLackOfScope(String scope) {
        assertEquals(403, answer.status(), answer.body());
        assertEquals("Not enough permissions", answer.detail());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"", answer.wwwAuthenticate());
    }

    @Then("she is granted no scope")
    public void sheIsGrantedNoScope() {
        assertEquals(200, answer.status(), answer.body());
        // Asked for a scope and granted none: the answer says so with an empty scope (RFC 6749 section 5.1).
        assertEquals("", answer.json().getString("scope", ""), answer.body());
    }

    @Then("she is granted the scope {string}")
    public void sheIsGrantedTheScope(String scope) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals(scope, answer.json().getString("scope"));
    }

    @When("{word} disables the account {string}")
    public void disablesTheAccount(String actor, String username) {
        administers(actor, "POST", "admin/users/" + actual(username) + "/disable");
        assertTrue(answer.json().getBoolean("disabled"));
    }

    @When("{word} enables the account {string}")
    public void enablesTheAccount(String actor, String username) {
        administers(actor, "POST", "admin/users/" + actual(username) + "/enable");
        assertFalse(answer.json().getBoolean("disabled"));
    }

    @When("{word} unlocks the account {string}")
    public void unlocksTheAccount(String actor, String username) {
        administers(actor, "POST", "admin/users/" + actual(username) + "/unlock");
    }

    @When("{word} gives the account {string} the role {string}")
    public void givesTheRole(String actor, String username, String role) {
        administers(actor, "PUT", "admin/users/" + actual(username) + "/roles/" + role);
        assertTrue(answer.json().getJsonArray("roles").contains(jakarta.json.Json.createValue(role)), answer.body());
    }

    @When("{word} ends the sessions of the account {string}")
    public void endsTheSessions(String actor, String username) {
        administers(actor, "DELETE", "admin/users/" + actual(username) + "/sessions");
    }

    @Then("{word}'s bearer token is refused because {string}")
    public void bearerTokenIsRefused(String actor, String detail) {
        GatehouseClient.Answer me = clientOf(actor).currentUser(tokenOf(actor));
        assertEquals(detail.equals("Inactive user") ? 400 : 401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }

    private void administers(String actor, String method, String path) {
        answer = clientOf(actor).administer(method, path, tokenOf(actor));
        assertEquals(200, answer.status(), answer.body());
    }

    private String tokenOf(String actor) {
        String token = accessTokenOf.get(actor);
        assertNotNull(token, actor + " has not logged in");
        return token;
    }

    @Given("{word} has logged in as {string} with password {string}")
    public void hasLoggedIn(String actor, String username, String password) {
        logsIn(actor, username, password);
        assertEquals(200, answer.status(), answer.body());
    }

    @When("someone logs in as {string} without a password")
    public void logsInWithoutPassword(String username) {
        answer = clientOf("someone").logIn(actual(username), null);
    }

    @When("a resource server that knows only Gatehouse's address checks her token")
    public void aResourceServerChecksHerToken() {
        verifiedSubject = new ResourceServer(gatehouse.baseUri()).subjectOf(accessToken, gatehouse.now());
    }

    @When("a resource server that knows only Gatehouse's address checks her token after someone changed it")
    public void aResourceServerChecksHerTamperedToken() {
        String[] parts = accessToken.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace(actual("jane"), "admin").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        verifiedSubject = new ResourceServer(gatehouse.baseUri()).subjectOf(parts[0] + "." + forged + "." + parts[2], gatehouse.now());
    }

    @Then("it accepts the token as Jane's")
    public void itAcceptsTheTokenAsJanes() {
        assertEquals(java.util.Optional.of(actual("jane")), verifiedSubject);
    }

    @Then("it refuses the token")
    public void itRefusesTheToken() {
        assertEquals(java.util.Optional.empty(), verifiedSubject);
    }

    @When("a client reads Gatehouse's description of itself")
    public void aClientReadsTheMetadata() {
        metadata = new ResourceServer(gatehouse.baseUri()).metadata();
    }

    @Then("it learns where to get tokens and keys, and that the password and refresh token grants are supported")
    public void itLearnsWhereToGetTokensAndKeys() {
        assertTrue(metadata.getString("token_endpoint").endsWith("/token"), metadata::toString);
        assertTrue(metadata.getString("jwks_uri").endsWith("/.well-known/jwks.json"), metadata::toString);
        assertTrue(metadata.getString("revocation_endpoint").endsWith("/revoke"), metadata::toString);
        assertEquals(java.util.List.of("password", "refresh_token"),
                metadata.getJsonArray("grant_types_supported").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(metadata.getString("issuer").isBlank());
    }

    @Then("it may cache the published keys for a while")
    public void itMayCacheThePublishedKeys() {
        java.net.http.HttpResponse<String> keys = new ResourceServer(gatehouse.baseUri()).keySet();
        assertEquals(200, keys.statusCode());
        String cacheControl = keys.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.matches("public, max-age=[1-9][0-9]*"), cacheControl);
        assertFalse(keys.body().contains("\"d\""), "no private key member");
    }

    @Then("she receives a bearer token valid for {int} minutes")
    public void receivesABearerToken(int minutes) {
        assertEquals(200, answer.status(), answer.body());
        JsonObject token = answer.json();
        assertEquals("bearer", token.getString("token_type"));
        assertEquals(3, token.getString("access_token").split("\\.").length, "a JWT has three parts");
        assertEquals(Duration.ofMinutes(minutes).toSeconds(), token.getJsonNumber("expires_in").longValue());
        assertEquals("no-store", answer.cacheControl());
    }

    @Then("the login is refused because {string}")
    public void theLoginIsRefusedBecause(String detail) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
        assertEquals("Bearer", answer.wwwAuthenticate());
    }

    @Then("the login is refused as incomplete, naming the missing {string}")
    public void theLoginIsIncomplete(String field) {
        assertEquals(422, answer.status(), answer.body());
        JsonObject error = answer.json().getJsonArray("detail").getJsonObject(0);
        assertEquals(field, error.getJsonArray("loc").getString(1));
        assertEquals("field required", error.getString("msg"));
    }

    @Given("{word} has tried to log in as {string} with password {string}")
    public void hasTriedToLogIn(String actor, String username, String password) {
        logsIn(actor, username, password);
        assertEquals(401, answer.status(), answer.body());
    }

    @Then("the answer asks to retry after {int} second(s)")
    public void theAnswerAsksToRetryAfter(int seconds) {
        assertEquals(String.valueOf(seconds), answer.retryAfter(), answer.body());
    }

    @Given("{int} second(s) pass(es)")
    public void secondsPass(int seconds) {
        gatehouse.clock().advance(Duration.ofSeconds(seconds));
    }

    @Given("{int} minutes pass")
    public void minutesPass(int minutes) {
        gatehouse.clock().advance(Duration.ofMinutes(minutes));
    }

    @Given("{word}'s account has been disabled")
    public void accountHasBeenDisabled(String actor) {
        Username username = new Username(usernameOf.get(actor));
        User user = gatehouse.users().findByUsername(username).orElseThrow();
        gatehouse.users().change(user.id(), stored -> stored.disable());
    }

    @When("she asks who she is")
    public void asksWhoSheIs() {
        assertNotNull(accessToken, "log in first");
        answer = herClient().currentUser(accessToken);
    }

    @When("someone asks who they are without a token")
    public void asksWithoutToken() {
        answer = clientOf("someone").currentUser(null);
    }

    @When("she asks who she is with a tampered token")
    public void asksWithTamperedToken() {
        String[] parts = accessToken.split("\\.");
        String forgedPayload = parts[1].substring(0, parts[1].length() - 2) + (parts[1].endsWith("A") ? "BB" : "AA");
        answer = herClient().currentUser(parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Then("she is told she is {string} with full name {string}, active")
    public void sheIsToldWhoSheIs(String username, String fullName) {
        assertEquals(200, answer.status(), answer.body());
        JsonObject user = answer.json();
        assertEquals(actual(username), user.getString("username"));
        assertEquals(fullName, user.getString("full_name"));
        assertFalse(user.getBoolean("disabled"));
        assertTrue(user.containsKey("email"));
        assertEquals(JsonValue.ValueType.NULL, user.get("email").getValueType());
    }

    @Then("the request is refused because {string}")
    public void theRequestIsRefusedBecause(String detail) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
        assertNotNull(answer.wwwAuthenticate());
        assertTrue(answer.wwwAuthenticate().startsWith("Bearer"), answer.wwwAuthenticate());
    }

    @Then("she is told {string}")
    public void sheIsTold(String detail) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(detail, answer.detail());
    }

    @When("she renews her session")
    public void renewsHerSession() {
        usedRefreshToken = refreshToken;
        answer = herClient().refresh(refreshToken);
        if (answer.status() == 200) {
            accessToken = answer.json().getString("access_token");
            refreshToken = answer.json().getString("refresh_token");
        }
    }

    @Given("she has renewed her session")
    public void hasRenewedHerSession() {
        renewsHerSession();
        assertEquals(200, answer.status(), answer.body());
    }

    @When("she renews her session with the refresh token she already used")
    public void renewsWithAUsedToken() {
        answer = herClient().refresh(usedRefreshToken);
    }

    @Then("she receives a new bearer token and a new refresh token")
    public void receivesNewTokens() {
        assertEquals(200, answer.status(), answer.body());
        assertEquals("bearer", answer.json().getString("token_type"));
        assertEquals("no-store", answer.cacheControl());
        String renewed = answer.json().getString("refresh_token");
        assertFalse(renewed.isBlank());
        assertFalse(renewed.equals(usedRefreshToken), "a renewal replaces the refresh token");
    }

    @Then("the new bearer token works")
    public void theNewBearerTokenWorks() {
        GatehouseClient.Answer me = herClient().currentUser(accessToken);
        assertEquals(200, me.status(), me.body());
    }

    @Then("the renewal is refused as an invalid grant")
    public void theRenewalIsRefused() {
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_grant", answer.json().getString("error"));
    }

    @Then("she can still renew her session")
    public void canStillRenew() {
        hasRenewedHerSession();
    }

    @Then("she can no longer renew her session")
    public void canNoLongerRenew() {
        GatehouseClient.Answer renewal = herClient().refresh(refreshToken);
        assertEquals(400, renewal.status(), renewal.body());
        assertEquals("invalid_grant", renewal.json().getString("error"));
    }

    @Given("a thief has copied her refresh token")
    public void aThiefCopiesTheRefreshToken() {
        copiedRefreshToken = refreshToken;
    }

    @When("the thief renews the session with the copied refresh token")
    public void theThiefRenews() {
        answer = clientOf("thief").refresh(copiedRefreshToken);
    }

    @When("she logs out")
    public void logsOut() {
        GatehouseClient.Answer logout = herClient().logOut(accessToken, false);
        assertEquals(204, logout.status(), logout.body());
    }

    @When("she logs out everywhere")
    public void logsOutEverywhere() {
        GatehouseClient.Answer logout = herClient().logOut(accessToken, true);
        assertEquals(204, logout.status(), logout.body());
    }

    @When("she revokes her refresh token")
    public void revokesHerRefreshToken() {
        GatehouseClient.Answer revocation = herClient().revoke(refreshToken);
        assertEquals(200, revocation.status(), revocation.body());
    }

    @When("she revokes her bearer token")
    public void revokesHerBearerToken() {
        GatehouseClient.Answer revocation = herClient().revoke(accessToken);
        assertEquals(200, revocation.status(), revocation.body());
    }

    @Then("her bearer token is refused because {string}")
    public void herBearerTokenIsRefused(String detail) {
        GatehouseClient.Answer me = herClient().currentUser(accessToken);
        assertEquals(401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }

    @Given("{word} has also logged in on her laptop as {string} with password {string}")
    public void hasLoggedInOnHerLaptop(String actor, String username, String password) {
        GatehouseClient.Answer login = clientOf(LAPTOP).logIn(actual(username), password);
        assertEquals(200, login.status(), login.body());
        laptopAccessToken = login.json().getString("access_token");
        laptopRefreshToken = login.json().getString("refresh_token");
        assertEquals(200, clientOf(LAPTOP).currentUser(laptopAccessToken).status(), "the laptop's token works at first");
    }

    @Then("her laptop's bearer token is refused because {string}")
    public void theLaptopsTokenIsRefused(String detail) {
        GatehouseClient.Answer me = clientOf(LAPTOP).currentUser(laptopAccessToken);
        assertEquals(401, me.status(), me.body());
        assertEquals(detail, me.detail());
    }

    @Then("her laptop can no longer renew its session")
    public void theLaptopCannotRenew() {
        GatehouseClient.Answer renewal = clientOf(LAPTOP).refresh(laptopRefreshToken);
        assertEquals(400, renewal.status(), renewal.body());
        assertEquals("invalid_grant", renewal.json().getString("error"));
    }

    @Given("she has tried to change her password from {string} to {string}")
    public void hasTriedToChangeHerPassword(String current, String replacement) {
        changesHerPassword(current, replacement);
        assertEquals(400, answer.status(), answer.body());
    }

    @Then("she is asked to slow down")
    public void sheIsAskedToSlowDown() {
        assertEquals(429, answer.status(), answer.body());
        assertEquals("Too many attempts, retry later", answer.detail());
    }

    @When("she changes her password from {string} to {string}")
    public void changesHerPassword(String current, String replacement) {
        usedRefreshToken = refreshToken;
        answer = herClient().changePassword(accessToken, current, replacement);
        if (answer.status() == 200) {
            accessToken = answer.json().getString("access_token");
            refreshToken = answer.json().getString("refresh_token");
        }
    }

    @Given("Gatehouse knows these client applications:")
    public void gatehouseKnowsTheseClientApplications(io.cucumber.datatable.DataTable table) {
        assertTrue(clients.isEmpty(), "register the client applications before anyone talks to Gatehouse");
        java.util.List<String> entries = new java.util.ArrayList<>();
        Map<String, String> settings = new HashMap<>();
        for (Map<String, String> row : table.asMaps()) {
            String id = row.get("application");
            entries.add(id + ":" + row.get("kind") + ":" + row.get("party"));
            if (row.get("kind").equals("confidential")) {
                settings.put("GATEHOUSE_CLIENT_SECRET_" + id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), secretOf(id));
            }
        }
        settings.put("GATEHOUSE_CLIENTS", String.join(",", entries));
        gatehouse = RunningGatehouse.withClients(settings);
        clientsRegistered = true;
    }

    @When("{word} logs in through {string} as {string} with password {string}")
    public void logsInThrough(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, null, false), username, password);
    }

    @Given("{word} has logged in through {string} as {string} with password {string}")
    public void hasLoggedInThrough(String actor, String application, String username, String password) {
        logsInThrough(actor, application, username, password);
        assertEquals(200, answer.status(), answer.body());
    }

    @When("{word} logs in through {string} with its secret as {string} with password {string}")
    public void logsInThroughWithItsSecret(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, secretOf(application), true), username, password);
    }

    @When("{word} logs in through {string} with its secret in the form as {string} with password {string}")
    public void logsInThroughWithItsSecretInTheForm(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, secretOf(application), false), username, password);
    }

    @When("{word} logs in through {string} with a wrong secret as {string} with password {string}")
    public void logsInThroughWithAWrongSecret(String actor, String application, String username, String password) {
        logInThrough(actor, new GatehouseClient.ClientApplication(application, secretOf(application) + "-wrong", true),
                username, password);
    }

    @Then("the bearer token says it was issued to {string}")
    public void theBearerTokenSaysItWasIssuedTo(String application) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        JsonObject claims = jakarta.json.Json.createReader(new java.io.StringReader(payload)).readObject();
        assertEquals(application, claims.getString("client_id"));
    }

    @Then("the application is refused as unknown or unproven")
    public void theApplicationIsRefusedAsUnknownOrUnproven() {
        assertEquals(401, answer.status(), answer.body());
        assertEquals("invalid_client", answer.json().getString("error"));
    }

    @Then("the application is refused as not allowed to log users in with a password")
    public void theApplicationIsRefusedAsNotAllowedToUsePasswords() {
        assertEquals(400, answer.status(), answer.body());
        assertEquals("unauthorized_client", answer.json().getString("error"));
    }

    @When("{string} renews her session with its secret")
    public void anotherApplicationRenewsHerSession(String application) {
        answer = clientOf(application).refresh(refreshToken,
                new GatehouseClient.ClientApplication(application, secretOf(application), true));
    }

    @Then("she can still renew her session through {string}")
    public void canStillRenewThrough(String application) {
        GatehouseClient.Answer renewal = herClient().refresh(refreshToken,
                new GatehouseClient.ClientApplication(application, null, false));
        assertEquals(200, renewal.status(), renewal.body());
    }

    private void logInThrough(String actor, GatehouseClient.ClientApplication application, String username, String password) {
        assertTrue(clientsRegistered, "register the client applications first");
        answer = clientOf(actor).logIn(actual(username), password, application);
        if (answer.status() == 200) {
            accessToken = answer.json().getString("access_token");
            refreshToken = answer.json().getString("refresh_token");
        }
    }

    private static String secretOf(String application) {
        return CLIENT_SECRETS.computeIfAbsent(application, ignored -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        });
    }

    private void register(String actor, String username, String password, Map<String, Object> profile) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", actual(username));
        fields.put("password", password);
        fields.putAll(profile);
        lastPassword = password;
        answer = clientOf(actor).register(fields);
        if (answer.status() == 201) {
            usernameOf.put(actor, actual(username));
        }
    }

    /** Each actor talks through its own client, with its own cookies. */
    /** The client of the session steps' "she": the one that logged in, so that it keeps what her login earned. */
    private GatehouseClient herClient() {
        return clientOf(sessionHolder);
    }

    private GatehouseClient clientOf(String actor) {
        return clients.computeIfAbsent(actor, ignored -> new GatehouseClient(gatehouse.baseUri()));
    }

    /** The username the server sees: the scenario's name plus this run's and this scenario's suffix, case kept. */
    private String actual(String username) {
        return username + suffix;
    }

    private static String randomRunId() {
        StringBuilder id = new StringBuilder();
        new SecureRandom().ints(6, 0, 36).forEach(digit -> id.append(Character.forDigit(digit, 36)));
        return id.toString();
    }
}
