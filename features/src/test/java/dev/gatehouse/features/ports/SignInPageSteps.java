package dev.gatehouse.features.ports;

import dev.gatehouse.application.port.in.EndBrowserSessionCommand;
import dev.gatehouse.application.port.in.EndBrowserSessionResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.application.port.in.AnswerConsentCommand;
import dev.gatehouse.application.port.in.AnswerConsentResult;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.features.ProofKey;
import dev.gatehouse.features.SignInJourney;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in through an application on the use-case ports: the arrival at the authorization endpoint, the sign-in
 * form, and the code exchange, with a browser reduced to what it carries (its binding value, its browser session,
 * its known device) and what it was last shown (a use case's result).
 */
public class SignInPageSteps {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Stage stage;
    private final SignInJourney journey;
    private final Map<String, BrowserState> browsers = new HashMap<>();
    private BrowserState lastBrowser;

    /** What one person's browser carries between requests, and what it shows now. */
    private static final class BrowserState {
        private final String binding = randomValue();
        private Optional<String> session = Optional.empty();
        private Optional<String> knownDevice = Optional.empty();
        private Object shown;
    }

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
        SignInForm form = switch (lastBrowser.shown) {
            case StartAuthorizationResult.SignInRequired required -> required.form();
            case SignInResult.InvalidCredentials again -> again.form();
            default -> throw new AssertionError("the browser shows no sign-in form: " + lastBrowser.shown);
        };
        SignInResult result = stage.gatehouse().signIn().signIn(new SignInCommand(form.request(), form.formToken(),
                lastBrowser.binding, username, new PlainPassword(password), Actor.ADDRESS, lastBrowser.knownDevice));
        if (result instanceof SignInResult.SignedIn signedIn) {
            lastBrowser.session = Optional.of(signedIn.browserSession());
            lastBrowser.knownDevice = Optional.of(signedIn.knownDevice());
        }
        if (result instanceof SignInResult.ConsentRequired asking) {
            lastBrowser.session = Optional.of(asking.browserSession());
            lastBrowser.knownDevice = Optional.of(asking.knownDevice());
        }
        show(result);
    }

    @Then("she is asked whether {string} may use her account")
    public void isAskedWhetherMayUse(String application) {
        assertEquals(application, consentForm().clientName());
    }

    @When("she allows it")
    public void allowsIt() {
        answerConsent(true);
    }

    @When("she refuses it")
    public void refusesIt() {
        answerConsent(false);
    }

    private void answerConsent(boolean allowed) {
        ConsentForm form = consentForm();
        show(stage.gatehouse().answerConsent().answer(new AnswerConsentCommand(form.request(), form.formToken(),
                lastBrowser.binding, lastBrowser.session, allowed, Actor.ADDRESS)));
    }

    private ConsentForm consentForm() {
        return switch (lastBrowser.shown) {
            case SignInResult.ConsentRequired asking -> asking.form();
            case StartAuthorizationResult.ConsentRequired asking -> asking.form();
            default -> throw new AssertionError("the browser shows no consent page: " + lastBrowser.shown);
        };
    }

    /** What the browser shows now; a code it carries back to the application is the journey's code. */
    private void show(Object result) {
        lastBrowser.shown = result;
        switch (result) {
            case StartAuthorizationResult.Authorized authorized -> journey.received(authorized.code().code());
            case SignInResult.SignedIn signedIn -> journey.received(signedIn.code().code());
            case AnswerConsentResult.Authorized authorized -> journey.received(authorized.code().code());
            default -> {
            }
        }
    }

    @Then("she is sent back to {string} with a code")
    public void isSentBackWithACode(String application) {
        IssuedCode code = switch (lastBrowser.shown) {
            case StartAuthorizationResult.Authorized authorized -> authorized.code();
            case SignInResult.SignedIn signedIn -> signedIn.code();
            case AnswerConsentResult.Authorized authorized -> authorized.code();
            default -> throw new AssertionError("not sent back with a code: " + lastBrowser.shown);
        };
        assertEquals(journey.returnAddressOf(application), code.redirectUri(), "sent back to the registered address");
        assertEquals(Optional.of(journey.state()), code.state(), "the application's state comes back unchanged");
        journey.received(code.code());
    }

    @Then("she is sent back to {string} with a code without being asked for her password")
    public void isSentBackWithACodeAtOnce(String application) {
        assertInstanceOf(StartAuthorizationResult.Authorized.class, lastBrowser.shown, "no sign-in page is shown");
        isSentBackWithACode(application);
    }

    @Then("she is sent back to {string} with a code without being asked anything")
    public void isSentBackWithACodeWithoutQuestions(String application) {
        isSentBackWithACodeAtOnce(application);
    }

    @Then("she is sent back to {string} with the error {string}")
    public void isSentBackWithTheError(String application, String error) {
        AuthorizationError.Redirected redirected = assertInstanceOf(AuthorizationError.Redirected.class, failure());
        assertEquals(journey.returnAddressOf(application), redirected.redirectUri());
        assertEquals(error, redirected.error());
        assertEquals(Optional.of(journey.state()), redirected.state());
    }

    @Then("the page tells her that the username or password is not right")
    public void thePageSaysTheCredentialsAreWrong() {
        assertInstanceOf(SignInResult.InvalidCredentials.class, lastBrowser.shown);
    }

    @Then("she is shown the sign-in page")
    public void isShownTheSignInPage() {
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, lastBrowser.shown);
    }

    @Then("she is shown a page saying the sign-in link cannot be trusted")
    public void isShownAnUntrustedLinkPage() {
        assertInstanceOf(AuthorizationError.InvalidRedirectUri.class, failure());
    }

    @Then("she is not sent back to the application")
    public void isNotSentBack() {
        boolean sentBack = switch (lastBrowser.shown) {
            case StartAuthorizationResult.Authorized authorized -> true;
            case SignInResult.SignedIn signedIn -> true;
            case StartAuthorizationResult.Failed(AuthorizationError error) -> error instanceof AuthorizationError.Redirected;
            case SignInResult.Failed(AuthorizationError error) -> error instanceof AuthorizationError.Redirected;
            default -> false;
        };
        assertFalse(sentBack, () -> "sent back: " + lastBrowser.shown);
    }

    @When("{string} sends {word} to log out, and she confirms on the page")
    public void logsOutThrough(String application, String person) {
        stage.actor(person);
        lastBrowser = browsers.get(person);
        EndBrowserSessionResult.ConfirmationRequired ask = assertInstanceOf(EndBrowserSessionResult.ConfirmationRequired.class,
                logOut(application, Optional.empty()));
        lastBrowser.shown = logOut(application, Optional.of(ask.formToken()));
        if (lastBrowser.shown instanceof EndBrowserSessionResult.LoggedOut) {
            lastBrowser.session = Optional.empty();
        }
    }

    private EndBrowserSessionResult logOut(String application, Optional<String> formToken) {
        return stage.gatehouse().endBrowserSession().endSession(new EndBrowserSessionCommand(Optional.empty(),
                Optional.of(application), Optional.empty(), Optional.empty(), lastBrowser.session, lastBrowser.binding,
                formToken, Actor.ADDRESS));
    }

    @Then("she is logged out")
    public void isLoggedOut() {
        assertEquals(new EndBrowserSessionResult.LoggedOut(Optional.empty()), lastBrowser.shown);
    }

    @When("{string} exchanges the code for her tokens")
    public void exchangesTheCode(String application) {
        stage.she().redeemsCode(journey.code(), journey.returnAddressOf(journey.application()), journey.proofKey().verifier(),
                ClientCredentials.publicClient(application));
    }

    @Given("{string} has exchanged the code for her tokens")
    public void hasExchangedTheCode(String application) {
        exchangesTheCode(application);
        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, stage.theAnswer());
    }

    @When("{string} exchanges the same code again")
    public void exchangesTheSameCodeAgain(String application) {
        exchangesTheCode(application);
    }

    @When("someone who intercepted the code exchanges it with a secret of their own")
    public void anInterceptorExchangesTheCode() {
        stage.actor("someone").redeemsCode(journey.code(), journey.returnAddressOf(journey.application()),
                ProofKey.fresh().verifier(), ClientCredentials.publicClient(journey.application()));
    }

    @When("{string} exchanges the code that was given to {string}")
    public void anotherApplicationExchangesTheCode(String other, String application) {
        stage.application(other).redeemsCode(journey.code(), journey.returnAddressOf(application), journey.proofKey().verifier(),
                ClientCredentials.publicClient(other));
    }

    @Then("the exchange is refused as an invalid grant")
    public void theExchangeIsRefused() {
        assertInstanceOf(RedeemAuthorizationCodeResult.InvalidGrant.class, stage.theAnswer());
    }

    @Then("she has a bearer token valid for {int} minutes and a refresh token")
    public void hasTokens(int minutes) {
        RedeemAuthorizationCodeResult.Redeemed redeemed = assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class,
                stage.she().answer());
        assertEquals(Duration.ofMinutes(minutes), redeemed.accessToken().lifetime());
        assertFalse(redeemed.refreshToken().isEmpty());
    }

    @Then("she can no longer renew her session through {string}")
    public void canNoLongerRenewThrough(String application) {
        assertInstanceOf(RefreshResult.InvalidGrant.class, stage.she().renew(Optional.of(ClientCredentials.publicClient(application))));
    }

    private AuthorizationError failure() {
        return switch (lastBrowser.shown) {
            case StartAuthorizationResult.Failed(AuthorizationError error) -> error;
            case SignInResult.Failed(AuthorizationError error) -> error;
            case AnswerConsentResult.Failed(AuthorizationError error) -> error;
            default -> fail("the request did not fail: " + lastBrowser.shown);
        };
    }

    /** The application sends the person's browser to Gatehouse with its link ({@link SignInJourney#startFor}). */
    private void send(String application, String person, Map<String, String> changes) {
        Map<String, String> query = journey.startFor(application, changes);
        stage.actor(person);
        lastBrowser = browsers.computeIfAbsent(person, ignored -> new BrowserState());
        AuthorizationRequest request = new AuthorizationRequest(Optional.ofNullable(query.get("response_type")),
                Optional.ofNullable(query.get("client_id")), Optional.ofNullable(query.get("redirect_uri")),
                Optional.ofNullable(query.get("scope")), Optional.ofNullable(query.get("state")),
                Optional.ofNullable(query.get("code_challenge")), Optional.ofNullable(query.get("code_challenge_method")),
                Optional.ofNullable(query.get("nonce")), Optional.ofNullable(query.get("prompt")), List.of());
        show(stage.gatehouse().startAuthorization().start(new StartAuthorizationCommand(request,
                lastBrowser.session, lastBrowser.binding, Actor.ADDRESS)));
    }

    private static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
