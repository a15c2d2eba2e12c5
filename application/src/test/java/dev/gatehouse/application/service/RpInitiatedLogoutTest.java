package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.UserInfoQuery;
import dev.gatehouse.application.port.in.UserInfoResult;
import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryIdTokens;
import dev.gatehouse.application.testing.InMemorySeals;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PkceChallenge;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import dev.gatehouse.application.port.in.EndBrowserSessionCommand;
import dev.gatehouse.application.port.in.EndBrowserSessionResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout and ID tokens on refresh through the one assembly on the in-memory fakes: what ends (the
 * browser session, every copy of its cookie, the refresh tokens it started, also when a refresh or a code exchange
 * races the logout), what is never followed (an unregistered post_logout_redirect_uri), and what needs the person's
 * confirmation (no valid id_token_hint for this session; a forged or foreign form ends nothing).
 */
class RpInitiatedLogoutTest {

    private static final ClientAddress BROWSER = new ClientAddress("192.0.2.10");
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String GOODBYE = "https://app.example.com/goodbye";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String BINDING = "browser-binding-of-this-browser";
    private static final String PASSWORD = "correct horse";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryIdTokens idTokens = new InMemoryIdTokens();
    private final InMemoryBrowserSessionRegistry registry = new InMemoryBrowserSessionRegistry(clock);
    private final UseCases useCases = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
            .clients(new InMemoryClientRegistry(
                    Client.publicClient(new ClientId("web-app"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK)))
                            .withPostLogoutRedirectUris(List.of(new RedirectUri(GOODBYE))),
                    Client.publicClient(new ClientId("other-app"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK)))))
            .authorizationCodeFlow(new InMemoryAuthorizationCodes(), new InMemorySeals())
            .idTokens(idTokens)
            .browserSessionRegistry(registry)
            .build(),
            new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                    new Retention(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)), Optional.empty()));
    private final User jane = User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)),
            new EmailAddress("jane@example.com"), new FullName("Jane Doe"), clock.instant());

    RpInitiatedLogoutTest() {
        users.add(jane);
    }

    private static AuthorizationRequest request(String client, Optional<String> prompt) {
        return new AuthorizationRequest(Optional.of("code"), Optional.of(client), Optional.of(CALLBACK), Optional.of("openid profile"),
                Optional.of("xyz"), Optional.of(PkceChallenge.of(VERIFIER).value()), Optional.of("S256"), Optional.of("n-1"), prompt,
                List.of(), Optional.empty());
    }

    private StartAuthorizationResult start(String client, Optional<String> prompt, Optional<String> session) {
        return useCases.startAuthorization().start(new StartAuthorizationCommand(request(client, prompt), session, BINDING, BROWSER));
    }

    private SignInResult.SignedIn signIn() {
        StartAuthorizationResult.SignInRequired page = assertInstanceOf(StartAuthorizationResult.SignInRequired.class,
                start("web-app", Optional.empty(), Optional.empty()));
        return assertInstanceOf(SignInResult.SignedIn.class, useCases.signIn().signIn(new SignInCommand(page.form().request(),
                page.form().formToken(), BINDING, "jane", new PlainPassword(PASSWORD), BROWSER, Optional.empty())));
    }

    private RedeemAuthorizationCodeResult redeemResult(String code, String client) {
        return useCases.redeemAuthorizationCode().redeem(new RedeemAuthorizationCodeCommand(code, CALLBACK, VERIFIER, BROWSER,
                Optional.of(ClientCredentials.publicClient(client))));
    }

    private RedeemAuthorizationCodeResult.Redeemed redeem(String code, String client) {
        return assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, redeemResult(code, client));
    }

    private RefreshResult refresh(String refreshToken, String client) {
        return useCases.refreshToken().refresh(new RefreshCommand(refreshToken, Optional.empty(), BROWSER,
                Optional.of(ClientCredentials.publicClient(client)), Optional.empty()));
    }

    private EndBrowserSessionResult logOut(Optional<String> hint, Optional<String> client, Optional<String> returnTo,
                                           Optional<String> cookie, String binding, Optional<String> formToken) {
        return useCases.endBrowserSession().endSession(new EndBrowserSessionCommand(hint, client, returnTo, Optional.of("st-1"),
                cookie, binding, formToken, BROWSER));
    }

    @Test
    void a_hint_for_this_session_ends_it_every_copy_of_its_cookie_and_its_refresh_tokens_and_returns_with_the_state() {
        SignInResult.SignedIn signedIn = signIn();
        RedeemAuthorizationCodeResult.Redeemed tokens = redeem(signedIn.code().code(), "web-app");
        Optional<String> cookie = Optional.of(signedIn.browserSession());
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start("web-app", Optional.of("none"), cookie));

        EndBrowserSessionResult result = logOut(tokens.idToken(), Optional.of("web-app"), Optional.of(GOODBYE), cookie, "",
                Optional.empty());

        assertEquals(new EndBrowserSessionResult.LoggedOut(Optional.of(GOODBYE + "?state=st-1")), result);
        StartAuthorizationResult.Failed silent = assertInstanceOf(StartAuthorizationResult.Failed.class,
                start("web-app", Optional.of("none"), cookie), "the cookie's copy signs nobody in");
        assertEquals("login_required", assertInstanceOf(AuthorizationError.Redirected.class, silent.error()).error());
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start("other-app", Optional.empty(), cookie));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(tokens.refreshToken(), "web-app"));
    }

    @Test
    void without_a_hint_the_person_confirms_and_a_forged_foreign_or_missing_form_ends_nothing() {
        SignInResult.SignedIn signedIn = signIn();
        Optional<String> cookie = Optional.of(signedIn.browserSession());
        RedeemAuthorizationCodeResult.Redeemed tokens = redeem(signedIn.code().code(), "web-app");

        EndBrowserSessionResult.ConfirmationRequired ask = assertInstanceOf(EndBrowserSessionResult.ConfirmationRequired.class,
                logOut(Optional.empty(), Optional.of("web-app"), Optional.of(GOODBYE), cookie, BINDING, Optional.empty()));
        assertEquals("jane", ask.username());

        for (Optional<String> forged : List.of(Optional.of(""), Optional.of("made-up"), Optional.of(ask.formToken() + "x"))) {
            assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.FORM_REJECTED),
                    logOut(Optional.empty(), Optional.of("web-app"), Optional.empty(), cookie, BINDING, forged));
        }
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.FORM_REJECTED),
                logOut(Optional.empty(), Optional.empty(), Optional.empty(), cookie, "another-browser", Optional.of(ask.formToken())),
                "a token served to another browser");
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.FORM_REJECTED),
                logOut(Optional.empty(), Optional.empty(), Optional.empty(), cookie, "", Optional.of(ask.formToken())),
                "a browser without its binding cookie");
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start("web-app", Optional.of("none"), cookie),
                "nothing ended yet");

        assertEquals(new EndBrowserSessionResult.LoggedOut(Optional.of(GOODBYE + "?state=st-1")), logOut(Optional.empty(),
                Optional.of("web-app"), Optional.of(GOODBYE), cookie, BINDING, Optional.of(ask.formToken())));
        assertInstanceOf(StartAuthorizationResult.Failed.class, start("web-app", Optional.of("none"), cookie));
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(tokens.refreshToken(), "web-app"));
    }

    @Test
    void a_hint_for_another_session_or_person_only_asks() {
        SignInResult.SignedIn first = signIn();
        Optional<String> staleHint = redeem(first.code().code(), "web-app").idToken();
        SignInResult.SignedIn second = signIn();

        assertInstanceOf(EndBrowserSessionResult.ConfirmationRequired.class, logOut(staleHint, Optional.empty(), Optional.empty(),
                Optional.of(second.browserSession()), BINDING, Optional.empty()));
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start("web-app", Optional.of("none"),
                Optional.of(second.browserSession())));
    }

    @Test
    void an_unregistered_or_unprovable_return_address_is_never_followed_and_ends_nothing() {
        SignInResult.SignedIn signedIn = signIn();
        Optional<String> cookie = Optional.of(signedIn.browserSession());
        Optional<String> hint = redeem(signedIn.code().code(), "web-app").idToken();
        for (String attempt : List.of("https://evil.example/goodbye", GOODBYE + "/", GOODBYE + "?next=https://evil.example",
                GOODBYE + "#x", "https://app.example.com/goodbyeX", "HTTPS://app.example.com/goodbye", CALLBACK,
                "https://app.example.com@evil.example/goodbye", "//evil.example", "javascript:alert(1)")) {
            assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.UNREGISTERED_POST_LOGOUT_REDIRECT_URI),
                    logOut(hint, Optional.of("web-app"), Optional.of(attempt), cookie, "", Optional.empty()), attempt);
        }
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.UNREGISTERED_POST_LOGOUT_REDIRECT_URI),
                logOut(Optional.empty(), Optional.empty(), Optional.of(GOODBYE), cookie, "", Optional.empty()),
                "no client named: nothing to match against");
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.UNREGISTERED_POST_LOGOUT_REDIRECT_URI),
                logOut(Optional.empty(), Optional.of("other-app"), Optional.of(GOODBYE), cookie, "", Optional.empty()),
                "registered for another client");
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.UNKNOWN_CLIENT),
                logOut(hint, Optional.of("other-app"), Optional.of(GOODBYE), cookie, "", Optional.empty()),
                "a hint issued to another client");
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.UNKNOWN_CLIENT),
                logOut(Optional.empty(), Optional.of("nobody"), Optional.empty(), cookie, "", Optional.empty()));
        assertEquals(new EndBrowserSessionResult.Refused(EndBrowserSessionResult.Reason.INVALID_ID_TOKEN_HINT),
                logOut(Optional.of("not-a-token"), Optional.of("web-app"), Optional.of(GOODBYE), cookie, "", Optional.empty()));
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start("web-app", Optional.of("none"), cookie),
                "nothing was ended");
    }

    @Test
    void a_refresh_of_an_openid_session_gets_a_new_id_token_with_the_same_person_sign_in_time_and_session_and_no_nonce() {
        Instant signedInAt = clock.instant();
        SignInResult.SignedIn signedIn = signIn();
        RedeemAuthorizationCodeResult.Redeemed tokens = redeem(signedIn.code().code(), "web-app");
        IdTokenClaims first = idTokens.read(tokens.idToken().orElseThrow()).orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        RefreshResult.Refreshed refreshed = assertInstanceOf(RefreshResult.Refreshed.class, refresh(tokens.refreshToken(), "web-app"));

        IdTokenClaims again = idTokens.read(refreshed.idToken().orElseThrow()).orElseThrow();
        assertEquals(first.claims(), again.claims());
        assertEquals(new ClientId("web-app"), again.audience());
        assertEquals(signedInAt.getEpochSecond(), again.authTime().getEpochSecond());
        assertEquals(Optional.empty(), again.nonce());
        assertTrue(first.sid().isPresent());
        assertEquals(first.sid(), again.sid());
    }

    @Test
    void a_refresh_racing_the_logout_never_leaves_a_usable_token_once_the_logout_returns() throws Exception {
        for (int round = 0; round < 30; round++) {
            SignInResult.SignedIn signedIn = signIn();
            RedeemAuthorizationCodeResult.Redeemed tokens = redeem(signedIn.code().code(), "web-app");
            Optional<String> cookie = Optional.of(signedIn.browserSession());
            List<String> obtained = java.util.Collections.synchronizedList(new ArrayList<>());
            obtained.add(tokens.refreshToken());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> refresher = pool.submit(() -> {
                    go.await();
                    String current = tokens.refreshToken();
                    for (int i = 0; i < 5; i++) {
                        if (refresh(current, "web-app") instanceof RefreshResult.Refreshed(var access, String next, var id)) {
                            obtained.add(next);
                            current = next;
                        }
                    }
                    return null;
                });
                Future<EndBrowserSessionResult> logout = pool.submit(() -> {
                    go.await();
                    return logOut(tokens.idToken(), Optional.empty(), Optional.empty(), cookie, "", Optional.empty());
                });
                go.countDown();
                assertInstanceOf(EndBrowserSessionResult.LoggedOut.class, logout.get());
                refresher.get();
            } finally {
                pool.shutdownNow();
            }
            for (String token : List.copyOf(obtained)) {
                assertInstanceOf(RefreshResult.InvalidGrant.class, refresh(token, "web-app"), "round " + round);
            }
        }
    }

    @Test
    void a_code_exchange_racing_the_logout_never_leaves_a_usable_token_once_both_return() throws Exception {
        for (int round = 0; round < 30; round++) {
            SignInResult.SignedIn signedIn = signIn();
            Optional<String> cookie = Optional.of(signedIn.browserSession());
            StartAuthorizationResult.Authorized second = assertInstanceOf(StartAuthorizationResult.Authorized.class,
                    start("web-app", Optional.empty(), cookie));
            EndBrowserSessionResult.ConfirmationRequired ask = assertInstanceOf(EndBrowserSessionResult.ConfirmationRequired.class,
                    logOut(Optional.empty(), Optional.empty(), Optional.empty(), cookie, BINDING, Optional.empty()));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<RedeemAuthorizationCodeResult> exchange = pool.submit(() -> {
                    go.await();
                    return redeemResult(second.code().code(), "web-app");
                });
                Future<EndBrowserSessionResult> logout = pool.submit(() -> {
                    go.await();
                    return logOut(Optional.empty(), Optional.empty(), Optional.empty(), cookie, BINDING,
                            Optional.of(ask.formToken()));
                });
                go.countDown();
                assertInstanceOf(EndBrowserSessionResult.LoggedOut.class, logout.get());
                if (exchange.get() instanceof RedeemAuthorizationCodeResult.Redeemed redeemed) {
                    assertInstanceOf(RefreshResult.InvalidGrant.class, refresh(redeemed.refreshToken(), "web-app"), "round " + round);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
