package dev.gatehouse.application.service;

import static dev.gatehouse.application.service.AuthorizationCodeFlowTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.AnswerConsentCommand;
import dev.gatehouse.application.port.in.AnswerConsentResult;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.in.ListConsentsQuery;
import dev.gatehouse.application.port.in.RevokeConsentCommand;
import dev.gatehouse.application.port.in.RevokeConsentResult;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryConsents;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemorySeals;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consent page of third-party clients through the one assembly, on the in-memory fakes: when it is shown and
 * skipped, what allowing and refusing do, what is remembered, and the ways its form cannot be abused.
 */
class ConsentFlowTest {

    private static final ClientAddress BROWSER = new ClientAddress("192.0.2.10");
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String BINDING = "browser-binding-of-this-browser";
    private static final String PASSWORD = "correct horse";
    private static final ClientId THIRD_PARTY = new ClientId("third-party");

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAuthorizationCodes codes = new InMemoryAuthorizationCodes();
    private final InMemoryConsents consents = new InMemoryConsents();
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryRevokedAccessTokens revokedAccessTokens = new InMemoryRevokedAccessTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry(
            Client.publicClient(new ClientId("web-app"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK))),
            Client.publicClient(THIRD_PARTY, false).withRedirectUris(List.of(new RedirectUri(CALLBACK)))
                    .withScopes(List.of(new Scope("openid"), new Scope("profile"), new Scope("email"), new Scope("me"))),
            Client.publicClient(new ClientId("another-third-party"), false).withRedirectUris(List.of(new RedirectUri(CALLBACK))));
    private final UseCases useCases = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
            .accessTokens(accessTokens)
            .refreshTokens(refreshTokens)
            .revokedAccessTokens(revokedAccessTokens)
            .auditLog(audit)
            .clients(clients)
            .authorizationCodeFlow(codes, new InMemorySeals())
            .consents(consents)
            .build(),
            new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                    new Retention(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)),
                    Optional.empty()));
    private User jane;

    @BeforeEach
    void registerJane() {
        jane = User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant());
        users.add(jane);
    }

    @Test
    void a_first_party_client_never_asks_for_consent() {
        SignInResult result = signIn(request(Map.of("scope", "openid profile")));

        assertInstanceOf(SignInResult.SignedIn.class, result);
        assertEquals(List.of(), consents.of(jane.id()));
    }

    @Test
    void a_third_party_client_asks_after_the_sign_in_naming_the_scopes_it_may_hold_and_issues_no_code_yet() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid profile admin")));

        assertEquals("third-party", asking.form().clientName());
        assertEquals(List.of(new Scope("openid"), new Scope("profile")), asking.form().newScopes(),
                "admin is not a scope the client may hold, so the person is not asked about it");
        assertEquals(List.of(), asking.form().grantedScopes());
        assertFalse(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED));
        assertTrue(audit.types().contains(AuditEvent.Type.LOGIN_SUCCEEDED), "the sign-in itself succeeded");
        assertEquals(Optional.empty(), asking.form().request().prompt());
    }

    @Test
    void allowing_issues_the_code_and_remembers_the_consent_so_the_next_request_skips_the_page() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid profile")));

        IssuedCode code = assertInstanceOf(AnswerConsentResult.Authorized.class,
                answer(asking.form(), BINDING, Optional.of(asking.browserSession()), true)).code();

        assertEquals(CALLBACK, code.redirectUri());
        assertEquals(Optional.of("xyz"), code.state());
        AuthorizationCode stored = codes.find(CodeIssuer.hashOf(code.code())).orElseThrow();
        assertEquals(THIRD_PARTY, stored.client());
        assertEquals(Set.of(new Scope("openid"), new Scope("profile")), stored.scopes());
        assertEquals(List.of(new Consent(jane.id(), THIRD_PARTY, Set.of(new Scope("openid"), new Scope("profile")),
                clock.instant())), useCases.listConsents().list(new ListConsentsQuery(jane.id())));
        assertTrue(audit.types().contains(AuditEvent.Type.CONSENT_GIVEN));

        assertInstanceOf(StartAuthorizationResult.Authorized.class,
                start(thirdParty("profile openid"), Optional.of(asking.browserSession())));
        assertInstanceOf(StartAuthorizationResult.Authorized.class,
                start(thirdParty("openid"), Optional.of(asking.browserSession())), "fewer scopes than allowed: no page");
    }

    @Test
    void a_request_for_new_scopes_asks_again_for_the_new_ones_and_then_remembers_the_union() {
        String session = allow(thirdParty("openid profile"));

        ConsentForm again = assertInstanceOf(StartAuthorizationResult.ConsentRequired.class,
                start(thirdParty("openid email"), Optional.of(session))).form();

        assertEquals(List.of(new Scope("email")), again.newScopes());
        assertEquals(List.of(new Scope("openid")), again.grantedScopes());
        assertInstanceOf(AnswerConsentResult.Authorized.class, answer(again, BINDING, Optional.of(session), true));
        assertEquals(Set.of(new Scope("openid"), new Scope("profile"), new Scope("email")),
                consents.find(jane.id(), THIRD_PARTY).orElseThrow().scopes());
    }

    @Test
    void prompt_consent_always_shows_the_page_even_after_a_sign_in() {
        String session = allow(thirdParty("openid"));

        assertInstanceOf(StartAuthorizationResult.ConsentRequired.class,
                start(thirdParty("openid", "consent"), Optional.of(session)));
        // Through the sign-in page too: prompt=login consent signs in again, then asks again.
        SignInResult afterSignIn = signIn(thirdParty("openid", "login consent"));
        assertInstanceOf(SignInResult.ConsentRequired.class, afterSignIn);
    }

    @Test
    void prompt_none_without_consent_tells_the_client_consent_required() {
        String session = allow(thirdParty("openid"));

        AuthorizationError.Redirected redirected = assertInstanceOf(AuthorizationError.Redirected.class,
                assertInstanceOf(StartAuthorizationResult.Failed.class,
                        start(thirdParty("openid email", "none"), Optional.of(session))).error());

        assertEquals("consent_required", redirected.error());
        assertEquals(Optional.of("xyz"), redirected.state());
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start(thirdParty("openid", "none"), Optional.of(session)));
    }

    @Test
    void refusing_sends_access_denied_to_the_client_and_remembers_nothing() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid profile")));

        AuthorizationError.Redirected redirected = assertInstanceOf(AuthorizationError.Redirected.class,
                assertInstanceOf(AnswerConsentResult.Failed.class,
                        answer(asking.form(), BINDING, Optional.of(asking.browserSession()), false)).error());

        assertEquals("access_denied", redirected.error());
        assertEquals(CALLBACK, redirected.redirectUri());
        assertEquals(Optional.of("xyz"), redirected.state());
        assertEquals(Optional.empty(), consents.find(jane.id(), THIRD_PARTY));
        assertTrue(audit.types().contains(AuditEvent.Type.CONSENT_DENIED));
        assertFalse(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED));
    }

    @Test
    void an_altered_form_cannot_widen_what_was_shown_nor_change_the_client() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid")));
        Optional<String> session = Optional.of(asking.browserSession());

        for (Map<String, String> change : List.of(Map.of("scope", "openid email"), Map.of("client_id", "another-third-party"),
                Map.of("state", "other"), Map.of("redirect_uri", CALLBACK, "nonce", "another"))) {
            ConsentForm altered = new ConsentForm(with(asking.form().request(), change), asking.form().clientName(), "jane",
                    asking.form().newScopes(), asking.form().grantedScopes(), asking.form().formToken());
            assertEquals(new AnswerConsentResult.FormRejected(), answer(altered, BINDING, session, true), change.toString());
        }
        assertEquals(Optional.empty(), consents.find(jane.id(), THIRD_PARTY));
        assertEquals(Optional.empty(), consents.find(jane.id(), new ClientId("another-third-party")));
        assertTrue(audit.types().contains(AuditEvent.Type.SIGN_IN_FORM_FORGED));
    }

    @Test
    void a_form_from_another_browser_a_forged_token_or_without_a_session_is_refused() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid")));
        Optional<String> session = Optional.of(asking.browserSession());

        assertEquals(new AnswerConsentResult.FormRejected(), answer(asking.form(), "another-browser", session, true));
        assertEquals(new AnswerConsentResult.FormRejected(), answer(asking.form(), "", session, true));
        assertEquals(new AnswerConsentResult.FormRejected(), answer(asking.form(), BINDING, Optional.empty(), true));
        assertEquals(new AnswerConsentResult.FormRejected(), answer(asking.form(), BINDING, Optional.of("forged"), true));
        ConsentForm forged = new ConsentForm(asking.form().request(), "third-party", "jane", List.of(), List.of(), "forged-token");
        assertEquals(new AnswerConsentResult.FormRejected(), answer(forged, BINDING, session, true));
        // The sign-in form's own token is not a consent token.
        SignInForm signInForm = assertInstanceOf(StartAuthorizationResult.SignInRequired.class,
                start(thirdParty("openid"), Optional.empty())).form();
        ConsentForm crossed = new ConsentForm(signInForm.request(), "third-party", "jane", List.of(), List.of(), signInForm.formToken());
        assertEquals(new AnswerConsentResult.FormRejected(), answer(crossed, BINDING, session, true));
        assertEquals(Optional.empty(), consents.find(jane.id(), THIRD_PARTY));
    }

    @Test
    void a_form_served_to_one_person_does_not_record_consent_for_another_signed_in_later_in_the_same_browser() {
        SignInResult.ConsentRequired janes = assertInstanceOf(SignInResult.ConsentRequired.class, signIn(thirdParty("openid")));
        User john = User.register(new Username("john"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant());
        users.add(john);
        SignInForm form = assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(thirdParty("openid"),
                Optional.empty())).form();
        SignInResult.ConsentRequired johns = assertInstanceOf(SignInResult.ConsentRequired.class, useCases.signIn().signIn(
                new SignInCommand(form.request(), form.formToken(), BINDING, "john", new PlainPassword(PASSWORD), BROWSER,
                        Optional.empty())));

        assertEquals(new AnswerConsentResult.FormRejected(),
                answer(janes.form(), BINDING, Optional.of(johns.browserSession()), true));
        assertEquals(Optional.empty(), consents.find(john.id(), THIRD_PARTY));
    }

    @Test
    void an_expired_form_is_refused() {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class,
                signIn(thirdParty("openid")));

        clock.advance(ConsentScreens.LIFETIME.plusSeconds(1));

        assertEquals(new AnswerConsentResult.FormRejected(),
                answer(asking.form(), BINDING, Optional.of(asking.browserSession()), true));
    }

    @Test
    void a_revoked_consent_asks_again_and_is_recorded() {
        String session = allow(thirdParty("openid"));

        assertEquals(new RevokeConsentResult.Revoked(),
                useCases.revokeConsent().revoke(new RevokeConsentCommand(jane.id(), THIRD_PARTY, BROWSER)));
        assertEquals(new RevokeConsentResult.NotFound(),
                useCases.revokeConsent().revoke(new RevokeConsentCommand(jane.id(), THIRD_PARTY, BROWSER)));

        assertEquals(List.of(), useCases.listConsents().list(new ListConsentsQuery(jane.id())));
        assertInstanceOf(StartAuthorizationResult.ConsentRequired.class, start(thirdParty("openid"), Optional.of(session)));
        AuditEvent revoked = audit.events().stream().filter(event -> event.type() == AuditEvent.Type.CONSENT_REVOKED)
                .findFirst().orElseThrow();
        assertEquals("jane", revoked.subject());
    }

    @Test
    void taking_consent_back_ends_the_persons_sessions_with_that_client_and_no_other() {
        allow(thirdParty("openid"));
        dev.gatehouse.domain.RefreshSession withThirdParty = dev.gatehouse.domain.RefreshSession.start(jane, Set.of(),
                Optional.of(THIRD_PARTY), clock.instant());
        dev.gatehouse.domain.RefreshSession withOther = dev.gatehouse.domain.RefreshSession.start(jane, Set.of(),
                Optional.of(new ClientId("web-app")), clock.instant());
        refreshTokens.start(withThirdParty, new dev.gatehouse.domain.RefreshTokenHash("a".repeat(64)), clock.instant());
        refreshTokens.start(withOther, new dev.gatehouse.domain.RefreshTokenHash("b".repeat(64)), clock.instant());

        assertEquals(new RevokeConsentResult.Revoked(),
                useCases.revokeConsent().revoke(new RevokeConsentCommand(jane.id(), THIRD_PARTY, BROWSER)));

        assertEquals(List.of(withOther.id()), refreshTokens.activeOf(jane.id()).stream().map(a -> a.session().id()).toList(),
                "the third party's session ended, the other application's did not");
        assertTrue(revokedAccessTokens.isSessionRevoked(withThirdParty.id()), "and its access tokens stop at once");
        assertFalse(revokedAccessTokens.isSessionRevoked(withOther.id()));
    }

    @Test
    void a_password_change_keeps_the_consents() {
        allow(thirdParty("openid"));
        String accessToken = accessTokens.issue(jane, Set.of(new Scope("me")), dev.gatehouse.domain.SessionId.newId(),
                Optional.empty(), Optional.empty()).value();

        assertInstanceOf(dev.gatehouse.application.port.in.ChangePasswordResult.Changed.class,
                useCases.changePassword().changePassword(new ChangePasswordCommand(accessToken, new PlainPassword(PASSWORD),
                        new PlainPassword("a brand new password"), BROWSER)));

        assertEquals(Set.of(new Scope("openid")), consents.find(jane.id(), THIRD_PARTY).orElseThrow().scopes());
        // Signed in again with the new password, the page is not shown.
        SignInForm form = assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(thirdParty("openid"),
                Optional.empty())).form();
        assertInstanceOf(SignInResult.SignedIn.class, useCases.signIn().signIn(new SignInCommand(form.request(),
                form.formToken(), BINDING, "jane", new PlainPassword("a brand new password"), BROWSER, Optional.empty())));
    }

    // --- helpers ---

    /** Signs in and allows; answers the browser session. */
    private String allow(AuthorizationRequest request) {
        SignInResult.ConsentRequired asking = assertInstanceOf(SignInResult.ConsentRequired.class, signIn(request));
        assertInstanceOf(AnswerConsentResult.Authorized.class,
                answer(asking.form(), BINDING, Optional.of(asking.browserSession()), true));
        return asking.browserSession();
    }

    private SignInResult signIn(AuthorizationRequest request) {
        SignInForm form = assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request, Optional.empty())).form();
        return useCases.signIn().signIn(new SignInCommand(form.request(), form.formToken(), BINDING, "jane",
                new PlainPassword(PASSWORD), BROWSER, Optional.empty()));
    }

    private StartAuthorizationResult start(AuthorizationRequest request, Optional<String> session) {
        return useCases.startAuthorization().start(new StartAuthorizationCommand(request, session, BINDING, BROWSER));
    }

    private AnswerConsentResult answer(ConsentForm form, String binding, Optional<String> session, boolean allowed) {
        return useCases.answerConsent().answer(new AnswerConsentCommand(form.request(), form.formToken(), binding, session,
                allowed, BROWSER));
    }

    private static AuthorizationRequest thirdParty(String scope) {
        return request(Map.of("client_id", "third-party", "scope", scope));
    }

    private static AuthorizationRequest thirdParty(String scope, String prompt) {
        return request(Map.of("client_id", "third-party", "scope", scope, "prompt", prompt));
    }

    private static AuthorizationRequest with(AuthorizationRequest request, Map<String, String> changes) {
        Map<String, String> values = new HashMap<>();
        for (String name : AuthorizationRequest.PARAMETERS) {
            request.parameter(name).ifPresent(value -> values.put(name, value));
        }
        values.putAll(changes);
        return new AuthorizationRequest(Optional.ofNullable(values.get("response_type")),
                Optional.ofNullable(values.get("client_id")), Optional.ofNullable(values.get("redirect_uri")),
                Optional.ofNullable(values.get("scope")), Optional.ofNullable(values.get("state")),
                Optional.ofNullable(values.get("code_challenge")), Optional.ofNullable(values.get("code_challenge_method")),
                Optional.ofNullable(values.get("nonce")), Optional.ofNullable(values.get("prompt")), List.of());
    }
}
