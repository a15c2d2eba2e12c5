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
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect through the one assembly on the in-memory fakes: which codes get an ID token and what it asserts
 * (above all {@code auth_time} and {@code nonce}), {@code max_age} against the browser session, and {@code /userinfo}.
 */
class OpenIdConnectTest {

    private static final ClientAddress BROWSER = new ClientAddress("192.0.2.10");
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String BINDING = "browser-binding-of-this-browser";
    private static final String PASSWORD = "correct horse";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryIdTokens idTokens = new InMemoryIdTokens();
    private final UseCases useCases = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
            .clients(new InMemoryClientRegistry(
                    Client.publicClient(new ClientId("web-app"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK))),
                    Client.publicClient(new ClientId("api-only"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK)))
                            .withScopes(Set.of(new Scope("me")))))
            .authorizationCodeFlow(new InMemoryAuthorizationCodes(), new InMemorySeals())
            .idTokens(idTokens)
            .build(),
            new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                    new Retention(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)), Optional.empty()));
    private final User jane = User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)),
            new EmailAddress("jane@example.com"), new FullName("Jane Doe"), clock.instant());

    OpenIdConnectTest() {
        users.add(jane);
    }

    private static AuthorizationRequest request(String client, String scope, Optional<String> nonce, Optional<String> prompt,
                                                Optional<String> maxAge) {
        return new AuthorizationRequest(Optional.of("code"), Optional.of(client), Optional.of(CALLBACK), Optional.of(scope),
                Optional.of("xyz"), Optional.of(PkceChallenge.of(VERIFIER).value()), Optional.of("S256"), nonce, prompt, List.of(),
                maxAge);
    }

    private static AuthorizationRequest request(String scope) {
        return request("web-app", scope, Optional.of("n-0S6_WzA2Mj"), Optional.empty(), Optional.empty());
    }

    private StartAuthorizationResult start(AuthorizationRequest request, Optional<String> session) {
        return useCases.startAuthorization().start(new StartAuthorizationCommand(request, session, BINDING, BROWSER));
    }

    /** Signs in on the page: the code and the browser session. */
    private SignInResult.SignedIn signIn(AuthorizationRequest request) {
        StartAuthorizationResult.SignInRequired page = assertInstanceOf(StartAuthorizationResult.SignInRequired.class,
                start(request, Optional.empty()));
        return assertInstanceOf(SignInResult.SignedIn.class, useCases.signIn().signIn(new SignInCommand(page.form().request(),
                page.form().formToken(), BINDING, "jane", new PlainPassword(PASSWORD), BROWSER, Optional.empty())));
    }

    private RedeemAuthorizationCodeResult.Redeemed redeem(String code, String client) {
        return assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, useCases.redeemAuthorizationCode().redeem(
                new RedeemAuthorizationCodeCommand(code, CALLBACK, VERIFIER, BROWSER,
                        Optional.of(ClientCredentials.publicClient(client)))));
    }

    @Test
    void a_code_granted_openid_gets_an_id_token_about_the_person_for_the_client_with_the_nonce() {
        Instant signedIn = clock.instant();
        RedeemAuthorizationCodeResult.Redeemed tokens = redeem(signIn(request("openid profile email me")).code().code(), "web-app");

        IdTokenClaims claims = idTokens.read(tokens.idToken().orElseThrow()).orElseThrow();
        assertEquals(new StandardClaims(jane.id().value().toString(), Optional.of("jane"), Optional.of("Jane Doe"),
                Optional.of("jane@example.com"), Optional.of(false)), claims.claims());
        assertEquals(new ClientId("web-app"), claims.audience());
        assertEquals(signedIn, claims.authTime());
        assertEquals(Optional.of("n-0S6_WzA2Mj"), claims.nonce());
        assertEquals(Set.of(new Scope("openid"), new Scope("profile"), new Scope("email"), new Scope("me")),
                tokens.accessToken().scopes(), "every user may grant OpenID Connect's scopes");
    }

    @Test
    void no_openid_no_id_token_and_a_client_not_allowed_openid_gets_none() {
        assertEquals(Optional.empty(), redeem(signIn(request("me profile")).code().code(), "web-app").idToken());
        RedeemAuthorizationCodeResult.Redeemed restricted = redeem(signIn(request("api-only", "openid me",
                Optional.empty(), Optional.empty(), Optional.empty())).code().code(), "api-only");
        assertEquals(Optional.empty(), restricted.idToken());
        assertEquals(Set.of(new Scope("me")), restricted.accessToken().scopes());
    }

    @Test
    void a_code_from_the_browser_session_says_when_the_person_signed_in_not_when_the_code_was_issued() {
        Instant signedIn = clock.instant();
        SignInResult.SignedIn first = signIn(request("openid"));
        clock.advance(Duration.ofHours(2));

        StartAuthorizationResult.Authorized again = assertInstanceOf(StartAuthorizationResult.Authorized.class,
                start(request("openid"), Optional.of(first.browserSession())));
        IdTokenClaims claims = idTokens.read(redeem(again.code().code(), "web-app").idToken().orElseThrow()).orElseThrow();

        assertEquals(signedIn.getEpochSecond(), claims.authTime().getEpochSecond());
    }

    @Test
    void max_age_counts_a_session_older_than_it_as_none() {
        SignInResult.SignedIn first = signIn(request("openid"));
        Optional<String> session = Optional.of(first.browserSession());
        clock.advance(Duration.ofSeconds(60));

        assertInstanceOf(StartAuthorizationResult.Authorized.class, start(request("web-app", "openid", Optional.empty(),
                Optional.empty(), Optional.of("60")), session), "exactly max_age old still counts");
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request("web-app", "openid", Optional.empty(),
                Optional.empty(), Optional.of("60")), session));
        StartAuthorizationResult.Failed silent = assertInstanceOf(StartAuthorizationResult.Failed.class, start(request("web-app",
                "openid", Optional.empty(), Optional.of("none"), Optional.of("60")), session));
        assertEquals("login_required", assertInstanceOf(AuthorizationError.Redirected.class, silent.error()).error());
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request("web-app", "openid", Optional.empty(),
                Optional.empty(), Optional.of("0")), session), "max_age=0 is prompt=login");
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start(request("web-app", "openid", Optional.empty(),
                Optional.empty(), Optional.of("3600")), session));
        for (String invalid : List.of("-1", "1.5", "", "ten", "1234567890")) {
            StartAuthorizationResult.Failed failed = assertInstanceOf(StartAuthorizationResult.Failed.class, start(request("web-app",
                    "openid", Optional.empty(), Optional.empty(), Optional.of(invalid)), session), invalid);
            assertEquals("invalid_request", assertInstanceOf(AuthorizationError.Redirected.class, failed.error()).error());
        }
    }

    @Test
    void userinfo_releases_what_the_tokens_scopes_allow_and_nothing_without_openid() {
        String openidOnly = redeem(signIn(request("openid")).code().code(), "web-app").accessToken().value();
        String profile = redeem(signIn(request("openid profile")).code().code(), "web-app").accessToken().value();
        String withoutOpenid = redeem(signIn(request("me profile email")).code().code(), "web-app").accessToken().value();

        assertEquals(new UserInfoResult.Claims(new StandardClaims(jane.id().value().toString(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())), useCases.userInfo().userInfo(new UserInfoQuery(openidOnly)));
        assertEquals(new UserInfoResult.Claims(new StandardClaims(jane.id().value().toString(), Optional.of("jane"),
                Optional.of("Jane Doe"), Optional.empty(), Optional.empty())), useCases.userInfo().userInfo(new UserInfoQuery(profile)));
        assertInstanceOf(UserInfoResult.InsufficientScope.class, useCases.userInfo().userInfo(new UserInfoQuery(withoutOpenid)));
        assertInstanceOf(UserInfoResult.InvalidToken.class, useCases.userInfo().userInfo(new UserInfoQuery("not a token")));
        users.change(jane.id(), User::disable);
        assertInstanceOf(UserInfoResult.InvalidToken.class, useCases.userInfo().userInfo(new UserInfoQuery(openidOnly)));
    }

    @Test
    void the_password_grant_never_grants_openid() {
        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, useCases.logIn().logIn(new LogInCommand(
                "jane", new PlainPassword(PASSWORD), Set.of(new Scope("openid"), new Scope("me")), BROWSER,
                Optional.empty(), Optional.of(ClientCredentials.publicClient("web-app")))));

        assertTrue(!loggedIn.accessToken().scopes().contains(StandardClaims.OPENID), loggedIn.accessToken().scopes().toString());
    }
}
