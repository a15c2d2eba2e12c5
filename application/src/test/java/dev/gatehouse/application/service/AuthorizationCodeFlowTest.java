package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ClientCredentials;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeCommand;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemorySeals;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.GrantType;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PkceChallenge;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RedirectUri;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.SessionId;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow through the one assembly, on the in-memory fakes: the arrival at {@code /authorize},
 * the sign-in form, the code exchange, and every way each can be refused.
 */
class AuthorizationCodeFlowTest {

    private static final ClientAddress BROWSER = new ClientAddress("192.0.2.10");
    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String BINDING = "browser-binding-of-this-browser";
    private static final String PASSWORD = "correct horse";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryAuthorizationCodes codes = new InMemoryAuthorizationCodes();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final dev.gatehouse.application.testing.InMemoryTwoFactorCredentials twoFactor =
            new dev.gatehouse.application.testing.InMemoryTwoFactorCredentials();
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry(
            Client.publicClient(new ClientId("web-app"), true).withRedirectUris(List.of(new RedirectUri(CALLBACK))),
            Client.publicClient(new ClientId("cli"), true).withRedirectUris(List.of(new RedirectUri("http://127.0.0.1/done"))),
            Client.confidential(new ClientId("server-app"), ClientSecretHash.of("server-secret"), true)
                    .withRedirectUris(List.of(new RedirectUri("https://server.example.com/cb"))),
            Client.publicClient(new ClientId("third-party"), false).withRedirectUris(List.of(new RedirectUri(CALLBACK))),
            Client.publicClient(new ClientId("password-only"), true).withGrantTypes(Set.of(GrantType.PASSWORD))
                    .withRedirectUris(List.of(new RedirectUri(CALLBACK))));
    private UseCases useCases = assemble(clients);
    private User jane;

    private UseCases assemble(InMemoryClientRegistry registry) {
        return assemble(registry, codes);
    }

    private UseCases assemble(InMemoryClientRegistry registry, AuthorizationCodes codes) {
        return new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
                        .refreshTokens(refreshTokens)
                        .auditLog(audit)
                        .clients(registry)
                        .authorizationCodeFlow(codes, new InMemorySeals())
                        .twoFactor(twoFactor, new dev.gatehouse.application.testing.InMemoryMfaChallenges(),
                                new dev.gatehouse.application.testing.ReferenceOneTimePasswords())
                        .build(),
                new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                        new Retention(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)),
                        Optional.empty()));
    }

    @BeforeEach
    void registerJane() {
        jane = User.register(new Username("jane"), hasher.hash(new PlainPassword(PASSWORD)), null, null, clock.instant());
        users.add(jane);
    }

    // --- the arrival at /authorize ---

    @Test
    void without_registered_clients_the_flow_is_not_available() {
        useCases = assemble(new InMemoryClientRegistry());

        assertEquals(new StartAuthorizationResult.Failed(new AuthorizationError.ClientsNotRegistered()), start(request()));
    }

    @Test
    void an_unknown_missing_or_repeated_client_id_is_shown_on_a_page_never_redirected() {
        AuthorizationError invalidClient = new AuthorizationError.InvalidClient();
        assertEquals(new StartAuthorizationResult.Failed(invalidClient), start(request(Map.of("client_id", "stranger"))));
        assertEquals(new StartAuthorizationResult.Failed(invalidClient), start(without(request(), "client_id")));
        assertEquals(new StartAuthorizationResult.Failed(invalidClient), start(repeated(request(), "client_id")));
    }

    @Test
    void a_redirect_uri_that_is_not_exactly_a_registered_one_is_shown_on_a_page_never_redirected() {
        AuthorizationError invalidUri = new AuthorizationError.InvalidRedirectUri();
        for (String uri : List.of(CALLBACK + "/evil", CALLBACK + "?next=https://evil.example", "https://evil.example/callback",
                "https://app.example.com/callback#x", "HTTPS://app.example.com/callback", "")) {
            assertEquals(new StartAuthorizationResult.Failed(invalidUri), start(request(Map.of("redirect_uri", uri))), uri);
        }
        assertEquals(new StartAuthorizationResult.Failed(invalidUri), start(without(request(), "redirect_uri")));
        assertEquals(new StartAuthorizationResult.Failed(invalidUri), start(repeated(request(), "redirect_uri")));
    }

    @Test
    void a_native_clients_loopback_redirect_uri_may_name_any_port() {
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class,
                start(request(Map.of("client_id", "cli", "redirect_uri", "http://127.0.0.1:53127/done"))));
        assertEquals(new StartAuthorizationResult.Failed(new AuthorizationError.InvalidRedirectUri()),
                start(request(Map.of("client_id", "cli", "redirect_uri", "http://127.0.0.1:53127/other"))));
    }

    @Test
    void every_other_error_goes_back_to_the_client_with_its_state() {
        assertRedirected("unsupported_response_type", request(Map.of("response_type", "token")));
        assertRedirected("invalid_request", without(request(), "response_type"));
        assertRedirected("invalid_request", repeated(request(), "scope"));
        assertRedirected("invalid_scope", request(Map.of("scope", "bad\"scope")));
        assertRedirected("invalid_request", request(Map.of("prompt", "select_account")));
        assertRedirected("invalid_request", request(Map.of("prompt", "none consent")));
        assertRedirected("invalid_request", request(Map.of("prompt", "login login")));
        assertRedirected("invalid_request", request(Map.of("nonce", "n".repeat(256))));
        assertRedirected("unauthorized_client", request(Map.of("client_id", "password-only")));
    }

    @Test
    void pkce_with_s256_is_required_and_plain_is_refused() {
        assertRedirected("invalid_request", without(request(), "code_challenge_method"));
        assertRedirected("invalid_request", without(request(), "code_challenge"));
        assertRedirected("invalid_request", request(Map.of("code_challenge_method", "plain", "code_challenge", VERIFIER)));
        assertRedirected("invalid_request", request(Map.of("code_challenge", "too-short")));
    }

    @Test
    void a_valid_request_asks_the_person_to_sign_in_for_that_client() {
        SignInForm form = assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request())).form();

        assertEquals("web-app", form.clientName());
        assertEquals(Optional.of(CALLBACK), form.request().redirectUri());
        assertFalse(form.formToken().isEmpty());
    }

    @Test
    void prompt_none_without_a_browser_session_answers_login_required() {
        assertRedirected("login_required", request(Map.of("prompt", "none")));
    }

    // --- the sign-in form ---

    @Test
    void the_right_password_issues_a_code_and_a_browser_session() {
        SignInResult.SignedIn signedIn = signIn(PASSWORD);

        assertEquals(CALLBACK, signedIn.code().redirectUri());
        assertEquals(Optional.of("xyz"), signedIn.code().state());
        assertTrue(signedIn.code().code().length() >= 43, "at least 256 bits of base64url");
        assertTrue(audit.types().containsAll(List.of(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED, AuditEvent.Type.LOGIN_SUCCEEDED)));
    }

    @Test
    void a_wrong_password_shows_the_form_again_with_a_new_token_and_is_audited_like_the_token_endpoints() {
        SignInForm form = form(request());

        SignInResult result = useCases.signIn().signIn(signInCommand(form, "wrong password", BINDING));

        SignInForm again = assertInstanceOf(SignInResult.InvalidCredentials.class, result).form();
        assertNotEquals(form.formToken(), again.formToken());
        assertTrue(audit.types().contains(AuditEvent.Type.LOGIN_FAILED));
    }

    @Test
    void the_page_is_throttled_by_the_same_budgets_as_the_token_endpoint() {
        SignInForm form = form(request());
        useCases.signIn().signIn(signInCommand(form, "wrong password", BINDING));

        SignInResult next = useCases.signIn().signIn(signInCommand(form, PASSWORD, BINDING));

        assertInstanceOf(SignInResult.Throttled.class, next, "the account's backoff from the failure holds on the page too");
        assertTrue(audit.types().contains(AuditEvent.Type.LOGIN_THROTTLED));
    }

    @Test
    void a_form_without_its_token_from_another_browser_or_altered_is_rejected_before_any_password_check() {
        SignInForm form = form(request());
        List<SignInCommand> forged = List.of(
                signInCommand(new SignInForm(form.request(), "web-app", "made-up"), PASSWORD, BINDING),
                signInCommand(new SignInForm(form.request(), "web-app", ""), PASSWORD, BINDING),
                signInCommand(form, PASSWORD, "another-browser"),
                signInCommand(form, PASSWORD, ""),
                signInCommand(new SignInForm(request(Map.of("code_challenge", PkceChallenge.of(VERIFIER + "x").value())), "web-app",
                        form.formToken()), PASSWORD, BINDING),
                signInCommand(new SignInForm(request(Map.of("state", "other")), "web-app", form.formToken()), PASSWORD, BINDING));

        for (SignInCommand command : forged) {
            assertEquals(new SignInResult.FormRejected(), useCases.signIn().signIn(command), command.request().toString());
        }
        assertFalse(audit.types().contains(AuditEvent.Type.LOGIN_FAILED), "no password was checked");
        assertFalse(audit.types().contains(AuditEvent.Type.LOGIN_SUCCEEDED));
        assertTrue(audit.types().contains(AuditEvent.Type.SIGN_IN_FORM_FORGED));
    }

    @Test
    void a_form_older_than_its_lifetime_is_rejected() {
        SignInForm form = form(request());
        clock.advance(SignInForms.LIFETIME.plusSeconds(1));

        assertEquals(new SignInResult.FormRejected(), useCases.signIn().signIn(signInCommand(form, PASSWORD, BINDING)));
    }

    @Test
    void a_form_whose_request_became_invalid_fails_like_the_request() {
        SignInForm form = form(request());
        SignInForm altered = new SignInForm(request(Map.of("redirect_uri", "https://evil.example/")), "web-app", form.formToken());

        assertEquals(new SignInResult.Failed(new AuthorizationError.InvalidRedirectUri()),
                useCases.signIn().signIn(signInCommand(altered, PASSWORD, BINDING)));
    }

    // --- the browser session ---

    @Test
    void a_browser_session_spares_the_page_unless_the_client_asks_to_sign_in_again() {
        String session = signIn(PASSWORD).browserSession();

        IssuedCode code = assertInstanceOf(StartAuthorizationResult.Authorized.class, start(request(), Optional.of(session))).code();
        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, redeem(code.code(), CALLBACK, VERIFIER, publicClient()));
        assertInstanceOf(StartAuthorizationResult.Authorized.class, start(request(Map.of("prompt", "none")), Optional.of(session)));
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request(Map.of("prompt", "login")), Optional.of(session)));
    }

    @Test
    void a_browser_session_ends_with_a_password_change_a_disabled_account_or_its_lifetime() {
        String session = signIn(PASSWORD).browserSession();
        users.change(jane.id(), User::endAllSessions);
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request(), Optional.of(session)));

        String second = signIn(PASSWORD).browserSession();
        users.change(jane.id(), User::disable);
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request(), Optional.of(second)));

        users.change(jane.id(), User::enable);
        String third = signIn(PASSWORD).browserSession();
        clock.advance(BrowserSessions.LIFETIME.plusSeconds(1));
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request(), Optional.of(third)));
        assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request(), Optional.of("forged")));
    }

    // --- the code exchange ---

    @Test
    void a_code_with_its_verifier_gives_tokens_as_the_password_grant_does() {
        IssuedCode code = signIn(PASSWORD).code();

        RedeemAuthorizationCodeResult.Redeemed redeemed = assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class,
                redeem(code.code(), CALLBACK, VERIFIER, publicClient()));

        assertEquals(Set.of(new Scope("me")), redeemed.accessToken().scopes());
        assertInstanceOf(CurrentUserResult.Authenticated.class,
                useCases.currentUser().currentUser(new CurrentUserQuery(redeemed.accessToken().value())));
        assertInstanceOf(RefreshResult.Refreshed.class, refresh(redeemed.refreshToken()), "the refresh token rotates as today");
        assertTrue(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_REDEEMED));
    }

    @Test
    void a_code_used_twice_is_refused_and_ends_the_session_its_first_use_started() {
        IssuedCode code = signIn(PASSWORD).code();
        RedeemAuthorizationCodeResult.Redeemed first = assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class,
                redeem(code.code(), CALLBACK, VERIFIER, publicClient()));

        assertEquals(new RedeemAuthorizationCodeResult.InvalidGrant(), redeem(code.code(), CALLBACK, VERIFIER, publicClient()));

        assertEquals(new RefreshResult.InvalidGrant(false), refresh(first.refreshToken()), "the first use's session is revoked");
        assertInstanceOf(CurrentUserResult.InvalidToken.class,
                useCases.currentUser().currentUser(new CurrentUserQuery(first.accessToken().value())), "and its access token");
        assertTrue(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_REPLAYED));
    }

    @Test
    void a_wrong_verifier_redirect_uri_client_or_an_expired_or_unknown_code_is_invalid_grant() {
        IssuedCode code = signIn(PASSWORD).code();
        RedeemAuthorizationCodeResult invalid = new RedeemAuthorizationCodeResult.InvalidGrant();

        assertEquals(invalid, redeem(code.code(), CALLBACK, VERIFIER.replace('d', 'e'), publicClient()));
        assertEquals(invalid, redeem(code.code(), CALLBACK, "", publicClient()));
        assertEquals(invalid, redeem(code.code(), CALLBACK + "/", VERIFIER, publicClient()));
        assertEquals(invalid, redeem(code.code(), CALLBACK, VERIFIER, Optional.of(ClientCredentials.publicClient("cli"))));
        assertEquals(invalid, redeem(code.code().substring(1) + "A", CALLBACK, VERIFIER, publicClient()));
        assertEquals(invalid, redeem("not a code", CALLBACK, VERIFIER, publicClient()));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(invalid, redeem(code.code(), CALLBACK, VERIFIER, publicClient()), "a code lives at most 60 s");
        assertTrue(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_REFUSED));
    }

    @Test
    void a_failed_attempt_does_not_use_the_code_up() {
        IssuedCode code = signIn(PASSWORD).code();
        redeem(code.code(), CALLBACK, VERIFIER.replace('d', 'e'), publicClient());

        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, redeem(code.code(), CALLBACK, VERIFIER, publicClient()));
    }

    @Test
    void a_code_is_refused_once_the_account_changed_after_sign_in() {
        IssuedCode code = signIn(PASSWORD).code();
        users.change(jane.id(), User::endAllSessions);

        assertEquals(new RedeemAuthorizationCodeResult.InvalidGrant(), redeem(code.code(), CALLBACK, VERIFIER, publicClient()));
    }

    @Test
    void the_client_authenticates_as_at_the_password_grant() {
        IssuedCode code = signIn(PASSWORD).code();

        assertEquals(new RedeemAuthorizationCodeResult.InvalidClient(), redeem(code.code(), CALLBACK, VERIFIER, Optional.empty()));
        assertEquals(new RedeemAuthorizationCodeResult.InvalidClient(),
                redeem(code.code(), CALLBACK, VERIFIER, Optional.of(ClientCredentials.confidential("web-app", "a secret"))));
        assertEquals(new RedeemAuthorizationCodeResult.InvalidClient(),
                redeem(code.code(), CALLBACK, VERIFIER, Optional.of(ClientCredentials.confidential("server-app", "wrong"))));
        assertEquals(new RedeemAuthorizationCodeResult.UnauthorizedClient(),
                redeem(code.code(), CALLBACK, VERIFIER, Optional.of(ClientCredentials.publicClient("password-only"))));
        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, redeem(code.code(), CALLBACK, VERIFIER, publicClient()));
    }

    @Test
    void a_confidential_client_redeems_with_its_secret() {
        IssuedCode code = signIn(request(Map.of("client_id", "server-app", "redirect_uri", "https://server.example.com/cb")),
                PASSWORD).code();

        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class, redeem(code.code(), "https://server.example.com/cb",
                VERIFIER, Optional.of(ClientCredentials.confidential("server-app", "server-secret"))));
    }

    @Test
    void without_registered_clients_no_code_is_redeemed() {
        useCases = assemble(new InMemoryClientRegistry());

        assertEquals(new RedeemAuthorizationCodeResult.InvalidClient(), redeem("x".repeat(43), CALLBACK, VERIFIER, publicClient()));
    }

    @Test
    void of_many_parallel_exchanges_of_one_code_exactly_one_gets_tokens() throws Exception {
        IssuedCode code = signIn(PASSWORD).code();
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<RedeemAuthorizationCodeResult> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RedeemAuthorizationCodeResult>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<RedeemAuthorizationCodeResult> attempt = () -> {
                    start.await();
                    return redeem(code.code(), CALLBACK, VERIFIER, publicClient());
                };
                futures.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<RedeemAuthorizationCodeResult> future : futures) {
                results.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, results.stream().filter(RedeemAuthorizationCodeResult.Redeemed.class::isInstance).count(), results.toString());
    }

    @Test
    void when_every_exchange_reads_the_code_before_any_redeems_it_exactly_one_gets_tokens_and_none_keeps_a_session()
            throws Exception {
        IssuedCode code = signIn(PASSWORD).code();
        int racers = 8;
        CyclicBarrier allHaveRead = new CyclicBarrier(racers);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        // The worst interleaving, forced: every exchange finds the code unredeemed before any of them redeems it.
        UseCases raced = assemble(clients, new AuthorizationCodes() {
            @Override
            public void store(AuthorizationCode stored) {
                codes.store(stored);
            }

            @Override
            public Optional<AuthorizationCode> find(AuthorizationCodeHash hash) {
                Optional<AuthorizationCode> found = codes.find(hash);
                if (reads.incrementAndGet() > racers) {
                    return found; // a loser looking up the winner's session, after the race
                }
                try {
                    allHaveRead.await(10, TimeUnit.SECONDS);
                } catch (Exception interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                return found;
            }

            @Override
            public boolean redeem(AuthorizationCodeHash hash, SessionId started, java.time.Instant at) {
                return codes.redeem(hash, started, at);
            }

            @Override
            public int forgetExpiredBefore(java.time.Instant cutoff) {
                return codes.forgetExpiredBefore(cutoff);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<RedeemAuthorizationCodeResult> results = new ArrayList<>();
        try {
            List<Future<RedeemAuthorizationCodeResult>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> raced.redeemAuthorizationCode().redeem(new RedeemAuthorizationCodeCommand(
                        code.code(), CALLBACK, VERIFIER, BROWSER, publicClient()))));
            }
            for (Future<RedeemAuthorizationCodeResult> future : futures) {
                results.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<RedeemAuthorizationCodeResult.Redeemed> winners = results.stream()
                .filter(RedeemAuthorizationCodeResult.Redeemed.class::isInstance)
                .map(RedeemAuthorizationCodeResult.Redeemed.class::cast).toList();
        assertEquals(1, winners.size(), results.toString());
        assertEquals(new RefreshResult.InvalidGrant(false), refresh(winners.getFirst().refreshToken()),
                "the code came back more than once, so the session it started is ended too");
    }

    // --- helpers ---

    private void assertRedirected(String error, AuthorizationRequest request) {
        AuthorizationError.Redirected redirected = assertInstanceOf(AuthorizationError.Redirected.class,
                assertInstanceOf(StartAuthorizationResult.Failed.class, start(request)).error());
        assertEquals(error, redirected.error(), redirected.description());
        assertEquals(request.redirectUri().orElseThrow(), redirected.redirectUri());
        assertEquals(Optional.of("xyz"), redirected.state());
    }

    private StartAuthorizationResult start(AuthorizationRequest request) {
        return start(request, Optional.empty());
    }

    private StartAuthorizationResult start(AuthorizationRequest request, Optional<String> session) {
        return useCases.startAuthorization().start(new StartAuthorizationCommand(request, session, BINDING, BROWSER));
    }

    @Test
    void a_right_password_for_an_account_with_a_second_factor_issues_nothing_but_the_second_step() {
        enrolJane();

        SignInResult result = useCases.signIn().signIn(signInCommand(form(request()), PASSWORD, BINDING));

        SignInResult.SecondFactorRequired required = assertInstanceOf(SignInResult.SecondFactorRequired.class, result);
        assertEquals("web-app", required.form().clientName());
        assertTrue(audit.types().contains(AuditEvent.Type.SECOND_FACTOR_REQUIRED));
        assertFalse(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED));
        assertFalse(audit.types().contains(AuditEvent.Type.LOGIN_SUCCEEDED), "not signed in on the password alone");
    }

    @Test
    void the_code_completes_the_sign_in_once_and_only_then_issues_the_code_and_the_session() {
        dev.gatehouse.application.testing.ReferenceTotp app = enrolJane();
        dev.gatehouse.application.port.in.SignInCodeForm codeForm = codeForm();
        String code = app.codeAt(clock.instant());

        dev.gatehouse.application.port.in.SignInWithCodeResult result = secondStep(codeForm, BINDING, code);

        var signedIn = assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.SignedIn.class, result);
        assertTrue(audit.types().contains(AuditEvent.Type.LOGIN_SUCCEEDED));
        assertInstanceOf(RedeemAuthorizationCodeResult.Redeemed.class,
                redeem(signedIn.code().code(), CALLBACK, VERIFIER, publicClient()));
        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.ChallengeExpired.class,
                secondStep(codeForm, BINDING, code), "the same form again: its challenge is used up");
        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.WrongCode.class,
                secondStep(codeForm(), BINDING, code), "the same code with a fresh challenge: each code once");
    }

    @Test
    void a_second_step_form_of_another_browser_or_challenge_or_after_the_challenge_expired_is_refused() {
        dev.gatehouse.application.testing.ReferenceTotp app = enrolJane();
        dev.gatehouse.application.port.in.SignInCodeForm first = codeForm();
        dev.gatehouse.application.port.in.SignInCodeForm second = codeForm();
        String code = app.codeAt(clock.instant());

        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.FormRejected.class,
                secondStep(first, "another-browser-binding", code));
        var swapped = new dev.gatehouse.application.port.in.SignInCodeForm(first.request(), first.clientName(),
                first.formToken(), second.challenge());
        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.FormRejected.class,
                secondStep(swapped, BINDING, code), "a form token of one challenge does not carry another");
        var noToken = new dev.gatehouse.application.port.in.SignInCodeForm(first.request(), first.clientName(), "",
                first.challenge());
        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.FormRejected.class,
                secondStep(noToken, BINDING, code));
        clock.advance(MfaChallengeIssuer.LIFETIME.plusSeconds(1));
        assertInstanceOf(dev.gatehouse.application.port.in.SignInWithCodeResult.FormRejected.class,
                secondStep(first, BINDING, app.codeAt(clock.instant())), "expired with its challenge");
        assertFalse(audit.types().contains(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED));
    }

    @Test
    void a_challenge_of_the_page_does_not_complete_the_mfa_otp_grant() {
        dev.gatehouse.application.testing.ReferenceTotp app = enrolJane();
        dev.gatehouse.application.port.in.SignInCodeForm codeForm = codeForm();

        dev.gatehouse.application.port.in.LogInResult grant = useCases.mfaLogIn().complete(
                new dev.gatehouse.application.port.in.MfaLogInCommand(codeForm.challenge(),
                        Optional.of(app.codeAt(clock.instant())), Optional.empty(), BROWSER, publicClient()));

        assertInstanceOf(dev.gatehouse.application.port.in.LogInResult.InvalidMfaToken.class, grant);
    }

    private dev.gatehouse.application.testing.ReferenceTotp enrolJane() {
        dev.gatehouse.domain.TotpSecret secret = dev.gatehouse.domain.TotpSecret.generate(new java.security.SecureRandom());
        dev.gatehouse.domain.TwoFactorEnrolment pending = dev.gatehouse.domain.TwoFactorEnrolment.start(jane.id(), secret,
                clock.instant());
        twoFactor.startEnrolment(pending);
        twoFactor.activate(jane.id(), pending.id(), 1, List.of());
        return new dev.gatehouse.application.testing.ReferenceTotp(secret.bytes());
    }

    private dev.gatehouse.application.port.in.SignInCodeForm codeForm() {
        return assertInstanceOf(SignInResult.SecondFactorRequired.class,
                useCases.signIn().signIn(signInCommand(form(request()), PASSWORD, BINDING))).form();
    }

    private dev.gatehouse.application.port.in.SignInWithCodeResult secondStep(
            dev.gatehouse.application.port.in.SignInCodeForm form, String binding, String code) {
        return useCases.signInWithCode().signIn(new dev.gatehouse.application.port.in.SignInWithCodeCommand(form.request(),
                form.formToken(), form.challenge(), binding, Optional.of(code), Optional.empty(), BROWSER));
    }

    private SignInForm form(AuthorizationRequest request) {
        return assertInstanceOf(StartAuthorizationResult.SignInRequired.class, start(request)).form();
    }

    private SignInResult.SignedIn signIn(String password) {
        return signIn(request(), password);
    }

    private SignInResult.SignedIn signIn(AuthorizationRequest request, String password) {
        SignInResult result = useCases.signIn().signIn(signInCommand(form(request), password, BINDING));
        return assertInstanceOf(SignInResult.SignedIn.class, result);
    }

    private static SignInCommand signInCommand(SignInForm form, String password, String binding) {
        return new SignInCommand(form.request(), form.formToken(), binding, "jane", new PlainPassword(password), BROWSER,
                Optional.empty());
    }

    private RedeemAuthorizationCodeResult redeem(String code, String redirectUri, String verifier,
                                                 Optional<ClientCredentials> credentials) {
        return useCases.redeemAuthorizationCode().redeem(new RedeemAuthorizationCodeCommand(code, redirectUri, verifier, BROWSER,
                credentials));
    }

    private RefreshResult refresh(String refreshToken) {
        return useCases.refreshToken().refresh(new RefreshCommand(refreshToken, Optional.empty(), BROWSER, publicClient()));
    }

    private static Optional<ClientCredentials> publicClient() {
        return Optional.of(ClientCredentials.publicClient("web-app"));
    }

    static AuthorizationRequest request() {
        return request(Map.of());
    }

    static AuthorizationRequest request(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("response_type", "code", "client_id", "web-app", "redirect_uri", CALLBACK,
                "scope", "me", "state", "xyz", "code_challenge", PkceChallenge.of(VERIFIER).value(),
                "code_challenge_method", "S256", "nonce", "n-0S6_WzA2Mj"));
        values.putAll(overrides);
        return new AuthorizationRequest(opt(values, "response_type"), opt(values, "client_id"), opt(values, "redirect_uri"),
                opt(values, "scope"), opt(values, "state"), opt(values, "code_challenge"), opt(values, "code_challenge_method"),
                opt(values, "nonce"), opt(values, "prompt"), List.of());
    }

    private static AuthorizationRequest without(AuthorizationRequest request, String parameter) {
        Map<String, String> values = new HashMap<>();
        for (String name : AuthorizationRequest.PARAMETERS) {
            request.parameter(name).filter(value -> !name.equals(parameter)).ifPresent(value -> values.put(name, value));
        }
        return new AuthorizationRequest(opt(values, "response_type"), opt(values, "client_id"), opt(values, "redirect_uri"),
                opt(values, "scope"), opt(values, "state"), opt(values, "code_challenge"), opt(values, "code_challenge_method"),
                opt(values, "nonce"), opt(values, "prompt"), List.of());
    }

    private static AuthorizationRequest repeated(AuthorizationRequest request, String parameter) {
        return new AuthorizationRequest(request.responseType(), request.clientId(), request.redirectUri(), request.scope(),
                request.state(), request.codeChallenge(), request.codeChallengeMethod(), request.nonce(), request.prompt(),
                List.of(parameter));
    }

    private static Optional<String> opt(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name));
    }
}
