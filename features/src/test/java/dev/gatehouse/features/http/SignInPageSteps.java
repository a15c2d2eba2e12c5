package dev.gatehouse.features.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.features.ProofKey;
import dev.gatehouse.features.SignInJourney;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Signing in through an application over HTTP: a {@link Browser} at {@code /authorize} and its sign-in page, the
 * redirect back to the application, and the application's exchange of the code at {@code /token}.
 */
public class SignInPageSteps {

    private final Stage stage;
    private final SignInJourney journey;
    private final Map<String, Browser> browsers = new HashMap<>();
    private Browser lastBrowser;

    public SignInPageSteps(Stage stage, SignInJourney journey) {
        this.stage = stage;
        this.journey = journey;
    }

    @Given("{string} sends {word} to sign in")
    public void sendsToSignIn(String application, String person) {
        send(application, person, Map.of());
    }

    @When("{string} sends {word} to sign in, asking her to sign in again")
    public void sendsToSignInAgain(String application, String person) {
        send(application, person, Map.of("prompt", "login"));
    }

    @When("{string} sends {word} to sign in, asking for no page to be shown")
    public void sendsToSignInWithoutAPage(String application, String person) {
        send(application, person, Map.of("prompt", "none"));
    }

    @When("{string} sends {word} to sign in, asking to see her email address")
    public void sendsToSignInAskingForEmail(String application, String person) {
        send(application, person, Map.of("scope", "openid email"));
    }

    @When("{string} sends {word} to sign in without PKCE")
    public void sendsToSignInWithoutPkce(String application, String person) {
        send(application, person, SignInJourney.withoutPkce());
    }

    @When("{string} sends {word} to sign in, asking to send her back to {string}")
    public void sendsToSignInReturningElsewhere(String application, String person, String address) {
        send(application, person, Map.of("redirect_uri", address));
    }

    @When("she signs in on the page as {string} with password {string}")
    public void signsInOnThePage(String username, String password) {
        stage.she();
        noteCode(lastBrowser.signIn(stage.username(username), password));
    }

    @Then("she is asked whether {string} may use her account")
    public void isAskedWhetherMayUse(String application) {
        Browser.Page page = lastBrowser.page();
        assertEquals(200, page.status(), page.body());
        assertTrue(page.isConsentForm(), page.body());
        assertTrue(page.body().contains("Allow " + application + " to use your account?"), page.body());
    }

    @When("she allows it")
    public void allowsIt() {
        noteCode(lastBrowser.answerConsent("allow"));
    }

    @When("she refuses it")
    public void refusesIt() {
        noteCode(lastBrowser.answerConsent("deny"));
    }

    @Then("she is sent back to {string} with a code without being asked anything")
    public void isSentBackWithACodeWithoutQuestions(String application) {
        assertFalse(lastBrowser.page().isConsentForm(), "no consent page is shown");
        isSentBackWithACodeAtOnce(application);
    }

    /** A code the browser carries back to the application is the journey's code. */
    private void noteCode(Browser.Page page) {
        page.location().filter(location -> location.contains("code=")).ifPresent(location -> journey.received(
                queryOf(URI.create(location)).get("code")));
    }

    @Then("she is sent back to {string} with a code")
    public void isSentBackWithACode(String application) {
        Map<String, String> query = sentBackTo(application);
        assertEquals(journey.state(), query.get("state"), "the application's state comes back unchanged");
        assertTrue(query.containsKey("iss"), "the answer names its issuer (RFC 9207)");
        assertTrue(query.containsKey("code") && !query.get("code").isEmpty(), () -> "a code comes back: " + query);
        journey.received(query.get("code"));
    }

    @Then("she is sent back to {string} with a code without being asked for her password")
    public void isSentBackWithACodeAtOnce(String application) {
        assertFalse(lastBrowser.page().isSignInForm(), "no sign-in page is shown");
        isSentBackWithACode(application);
    }

    @Then("she is sent back to {string} with the error {string}")
    public void isSentBackWithTheError(String application, String error) {
        Map<String, String> query = sentBackTo(application);
        assertEquals(error, query.get("error"), () -> "the error sent back: " + query);
        assertEquals(journey.state(), query.get("state"), "the application's state comes back unchanged");
        assertTrue(query.containsKey("iss"), "the answer names its issuer (RFC 9207)");
        assertFalse(query.containsKey("code"), "no code comes with an error");
    }

    @Then("the page tells her that the username or password is not right")
    public void thePageSaysTheCredentialsAreWrong() {
        Browser.Page page = lastBrowser.page();
        assertEquals(401, page.status(), page.body());
        assertTrue(page.isSignInForm(), "the form is shown again");
        assertTrue(page.body().contains("The username or password is not right"), page.body());
    }

    @Then("she is shown the sign-in page")
    public void isShownTheSignInPage() {
        Browser.Page page = lastBrowser.page();
        assertEquals(200, page.status(), page.body());
        assertTrue(page.isSignInForm(), page.body());
    }

    @Then("she is shown a page saying the sign-in link cannot be trusted")
    public void isShownAnUntrustedLinkPage() {
        Browser.Page page = lastBrowser.page();
        assertEquals(400, page.status(), page.body());
        assertTrue(page.body().contains("This sign-in link cannot be trusted"), page.body());
    }

    @When("{string} sends {word} to log out, and she confirms on the page")
    public void logsOutThrough(String application, String person) {
        stage.actor(person);
        lastBrowser = browsers.get(person);
        Browser.Page ask = lastBrowser.openLogOut(Map.of("client_id", application));
        assertEquals(200, ask.status(), ask.body());
        lastBrowser.confirmLogOut();
    }

    @Then("she is logged out")
    public void isLoggedOut() {
        Browser.Page page = lastBrowser.page();
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("You are logged out"), page.body());
    }

    @Then("she is not sent back to the application")
    public void isNotSentBack() {
        assertTrue(lastBrowser.page().location().isEmpty(), () -> "sent to " + lastBrowser.page().location());
    }

    @When("{string} exchanges the code for her tokens")
    public void exchangesTheCode(String application) {
        exchange(stage.she(), application, journey.returnAddressOf(journey.application()), journey.proofKey().verifier());
    }

    @Given("{string} has exchanged the code for her tokens")
    public void hasExchangedTheCode(String application) {
        exchangesTheCode(application);
        assertEquals(200, stage.theAnswer().status(), stage.theAnswer().body());
    }

    @When("{string} exchanges the same code again")
    public void exchangesTheSameCodeAgain(String application) {
        exchangesTheCode(application);
    }

    @When("someone who intercepted the code exchanges it with a secret of their own")
    public void anInterceptorExchangesTheCode() {
        exchange(stage.actor("someone"), journey.application(), journey.returnAddressOf(journey.application()),
                ProofKey.fresh().verifier());
    }

    @When("{string} exchanges the code that was given to {string}")
    public void anotherApplicationExchangesTheCode(String other, String application) {
        exchange(stage.application(other), other, journey.returnAddressOf(application), journey.proofKey().verifier());
    }

    @Then("the exchange is refused as an invalid grant")
    public void theExchangeIsRefused() {
        GatehouseClient.Answer answer = stage.theAnswer();
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_grant", answer.json().getString("error"));
    }

    @Then("she has a bearer token valid for {int} minutes and a refresh token")
    public void hasTokens(int minutes) {
        GatehouseClient.Answer answer = stage.she().answer();
        assertEquals(200, answer.status(), answer.body());
        JsonObject token = answer.json();
        assertEquals("bearer", token.getString("token_type"));
        assertEquals(Duration.ofMinutes(minutes).toSeconds(), token.getJsonNumber("expires_in").longValue());
        assertFalse(token.getString("refresh_token").isEmpty());
        assertEquals("no-store", answer.cacheControl());
    }

    @Then("she can no longer renew her session through {string}")
    public void canNoLongerRenewThrough(String application) {
        GatehouseClient.Answer renewal = stage.she().renew(new GatehouseClient.ClientApplication(application, null, false));
        assertEquals(400, renewal.status(), renewal.body());
        assertEquals("invalid_grant", renewal.json().getString("error"));
    }

    private void exchange(Actor who, String application, String redirectUri, String verifier) {
        who.redeemsCode(journey.code(), redirectUri, verifier, new GatehouseClient.ClientApplication(application, null, false));
    }

    /** The application sends the person's browser to Gatehouse with its link ({@link SignInJourney#startFor}). */
    private void send(String application, String person, Map<String, String> changes) {
        Map<String, String> query = journey.startFor(application, changes);
        stage.actor(person);
        lastBrowser = browsers.computeIfAbsent(person, ignored -> new Browser(stage.gatehouse().baseUri()));
        noteCode(lastBrowser.open(query));
    }

    /** The query of the address the browser was just sent to, which must be the application's return address. */
    private Map<String, String> sentBackTo(String application) {
        Browser.Page page = lastBrowser.page();
        assertTrue(page.status() == 302 || page.status() == 303, () -> "a redirect, not " + page.status() + ": " + page.body());
        URI location = URI.create(page.location().orElseThrow());
        String target = location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath();
        assertEquals(journey.returnAddressOf(application), target, "sent back to the application's registered address");
        return queryOf(location);
    }

    private static Map<String, String> queryOf(URI location) {
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
