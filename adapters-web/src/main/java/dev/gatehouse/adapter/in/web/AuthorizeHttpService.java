package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.AuthorizationRequest;
import dev.gatehouse.application.port.in.ConsentForm;
import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.in.SignInCodeForm;
import dev.gatehouse.application.port.in.SignInCommand;
import dev.gatehouse.application.port.in.SignInForm;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.in.StartAuthorizationCommand;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The authorization endpoint (RFC 6749 section 4.1.1, with PKCE) and its sign-in page. {@code GET /authorize} judges
 * the request and either shows the sign-in page, or, for a browser whose session is still good, sends it back to the
 * client with a code at once. {@code POST /authorize} is the sign-in form coming back. A client that cannot be
 * trusted with the browser (unknown {@code client_id}, unregistered {@code redirect_uri}) gets a page, never a
 * redirect; every other error goes back to the client with {@code error}, {@code state} and {@code iss} (RFC 9207).
 * A third-party client the signed-in person has not allowed yet gets the consent page instead of a code, answered at
 * {@link ConsentHttpService}.
 *
 * <p>Three cookies, all hidden from scripts and scoped to {@code /authorize}: {@value #BINDING_COOKIE}, a random value
 * the sign-in form's token is bound to (so another site cannot post the form, and a form from another browser does not
 * work); {@value #SESSION_COOKIE}, the browser session after a sign-in ({@code SameSite=Lax}, so the client's redirect
 * to this endpoint carries it); and the known-device cookie, as {@code /token} sets it, so that the page lets a known
 * device through the same throttle the token endpoint does.
 */
final class AuthorizeHttpService implements RoutedService {

    static final String PATH = "/authorize";
    static final String BINDING_COOKIE = "gatehouse_authorize";
    static final String SESSION_COOKIE = "gatehouse_session";
    private static final String FORM_TOKEN = "form_token";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Logger LOGGER = Logger.getLogger(AuthorizeHttpService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String START_AGAIN = "Go back to the application you came from and choose to sign in again.";

    private final StartAuthorizationUseCase startAuthorization;
    private final SignInUseCase signIn;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final Pages pages = new Pages();

    AuthorizeHttpService(StartAuthorizationUseCase startAuthorization, SignInUseCase signIn, WebSettings settings,
                         RequestLimiter limiter) {
        this.startAuthorization = Objects.requireNonNull(startAuthorization, "startAuthorization");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::start), Route.post(PATH, this::signIn));
    }

    private void start(ServerRequest request, ServerResponse response) {
        Optional<FormBody> query = FormBody.parse(request.query().rawValue().getBytes(StandardCharsets.UTF_8));
        if (query.isEmpty()) {
            badRequestPage(response, "This sign-in link is damaged",
                    "Its address could not be read (a character in it is not encoded properly).");
            return;
        }
        List<Header> cookies = new ArrayList<>();
        String binding = binding(request, cookies);
        StartAuthorizationCommand command = new StartAuthorizationCommand(requestOf(query.get()),
                cookie(request, SESSION_COOKIE), binding, client(request));
        switch (startAuthorization.start(command)) {
            case StartAuthorizationResult.SignInRequired(SignInForm form) ->
                    pages.signIn(response, Status.OK_200, page(form, "", "", "", ""), cookies.toArray(Header[]::new));
            case StartAuthorizationResult.ConsentRequired(ConsentForm form) ->
                    pages.consent(response, Status.OK_200, ConsentPages.page(form), cookies.toArray(Header[]::new));
            case StartAuthorizationResult.Authorized(IssuedCode code) -> redirect(response, Status.FOUND_302, codeUri(code));
            case StartAuthorizationResult.Failed(AuthorizationError error) -> fail(response, Status.FOUND_302, error);
        }
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        Optional<Duration> overBudget = limiter.admit(client(request));
        if (overBudget.isPresent()) {
            pages.problem(response, Status.TOO_MANY_REQUESTS_429, "Too many attempts",
                    "There were too many sign-in attempts from your network just now.",
                    "Wait " + seconds(overBudget.get()) + " and try again.", JsonResponses.retryAfter(overBudget.get()));
            return;
        }
        if (!request.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false)) {
            badRequestPage(response, "This sign-in form could not be read", "It was not sent as a web form.");
            return;
        }
        Optional<FormBody> form = FormBody.parse(Requests.body(request));
        if (form.isEmpty()) {
            badRequestPage(response, "This sign-in form could not be read", "A character in it is not encoded properly.");
            return;
        }
        AuthorizationRequest pending = requestOf(form.get());
        String formToken = form.get().value(FORM_TOKEN).orElse("");
        String username = form.get().value("username").orElse("");
        String password = form.get().value("password").orElse("");
        boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > PlainPassword.MAX_BYTES;
        if (username.isBlank() || password.isEmpty() || tooLong) {
            // Nothing to check yet: the same form again (its token still holds), saying which field is missing.
            SignInForm again = new SignInForm(pending, pending.clientId().orElse(""), formToken);
            pages.signIn(response, Status.BAD_REQUEST_400, page(again, username, "",
                    username.isBlank() ? "Enter your username." : "", password.isEmpty() ? "Enter your password."
                            : tooLong ? "This password is longer than any password here can be; check what you typed." : ""));
            return;
        }
        SignInCommand command = new SignInCommand(pending, formToken, cookie(request, BINDING_COOKIE).orElse(""), username,
                new PlainPassword(password), client(request), cookie(request, DeviceCookie.NAME));
        switch (signIn.signIn(command)) {
            case SignInResult.SignedIn(IssuedCode code, String session, Duration lifetime, String knownDevice) -> {
                startSession(response, session, lifetime, knownDevice);
                redirect(response, Status.SEE_OTHER_303, codeUri(code));
            }
            case SignInResult.ConsentRequired(ConsentForm consent, String session, Duration lifetime, String knownDevice) -> {
                startSession(response, session, lifetime, knownDevice);
                pages.consent(response, Status.OK_200, ConsentPages.page(consent));
            }
            case SignInResult.InvalidCredentials(SignInForm again) -> pages.signIn(response, Status.UNAUTHORIZED_401,
                    page(again, username, "The username or password is not right. Check them and try again; "
                            + "passwords are case-sensitive.", "", ""));
            case SignInResult.Throttled(SignInForm again, Duration retryAfter) -> pages.signIn(response,
                    Status.TOO_MANY_REQUESTS_429, page(again, username, "The username or password is not right, and there "
                            + "have been too many attempts. Wait " + seconds(retryAfter) + " and try again.", "", ""),
                    JsonResponses.retryAfter(retryAfter));
            case SignInResult.Overloaded(SignInForm again, Duration retryAfter) -> pages.signIn(response,
                    Status.SERVICE_UNAVAILABLE_503, page(again, username, "The service is busy right now. Wait "
                            + seconds(retryAfter) + " and try again.", "", ""), JsonResponses.retryAfter(retryAfter));
            case SignInResult.SecondFactorEnrollmentRequired(SignInForm again) -> pages.signIn(response, Status.FORBIDDEN_403,
                    page(again, username, "This application asks for privileges that need a second sign-in step "
                            + "(an authenticator app), which your account has not set up. Sign in without them, set up an authenticator app for your account "
                            + "(two-factor sign-in), then sign in here again.", "", ""));
            case SignInResult.EmailNotVerified(SignInForm again) -> pages.signIn(response, Status.FORBIDDEN_403,
                    page(again, username, "Your email address is not verified yet. Open the link we mailed you, "
                            + "then sign in again.", "", ""));
            case SignInResult.FormRejected rejected -> pages.problem(response, Status.FORBIDDEN_403,
                    "This sign-in form has expired",
                    "The form was open too long, was opened in another browser, or was not sent from this site.",
                    START_AGAIN);
            case SignInResult.SecondFactorRequired(SignInCodeForm codeForm) ->
                    pages.signInCode(response, Status.OK_200, SignInCodeHttpService.page(codeForm, ""));
            case SignInResult.Failed(AuthorizationError error) -> fail(response, Status.SEE_OTHER_303, error);
        }
    }

    private void startSession(ServerResponse response, String session, Duration lifetime, String knownDevice) {
        startSession(response, settings, session, lifetime, knownDevice);
    }

    /** Sets the browser session and known-device cookies of a sign-in (after the password, or after its second step). */
    static void startSession(ServerResponse response, WebSettings settings, String session, Duration lifetime, String knownDevice) {
        DeviceCookie.write(SESSION_COOKIE, session, PATH, Optional.of(lifetime), "Lax", settings.secureCookies())
                .ifPresentOrElse(header -> response.headers().add(header),
                        () -> LOGGER.warning("Browser session cannot be sent as a cookie; none set"));
        DeviceCookie.write(DeviceCookie.NAME, knownDevice, PATH, Optional.of(settings.knownDeviceLifetime()), "Strict",
                settings.secureCookies()).ifPresent(header -> response.headers().add(header));
    }

    /** The request's parameters, raw, noting those sent more than once. */
    static AuthorizationRequest requestOf(FormBody fields) {
        List<String> repeated = AuthorizationRequest.PARAMETERS.stream().filter(fields::isRepeated).toList();
        return new AuthorizationRequest(fields.value("response_type"), fields.value("client_id"), fields.value("redirect_uri"),
                fields.value("scope"), fields.value("state"), fields.value("code_challenge"),
                fields.value("code_challenge_method"), fields.value("nonce"), fields.value("prompt"), repeated,
                fields.value("max_age"));
    }

    /** The page of a form: the pending request and its token as hidden fields, then what the person sees. */
    private static Pages.SignInPage page(SignInForm form, String username, String error, String usernameError,
                                         String passwordError) {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        for (String name : AuthorizationRequest.PARAMETERS) {
            form.request().parameter(name).ifPresent(value -> hidden.add(Map.entry(name, value)));
        }
        hidden.add(Map.entry(FORM_TOKEN, form.formToken()));
        return new Pages.SignInPage(form.clientName(), hidden, username, error, usernameError, passwordError);
    }

    private void fail(ServerResponse response, Status redirectStatus, AuthorizationError error) {
        switch (error) {
            case AuthorizationError.ClientsNotRegistered none -> pages.problem(response, Status.BAD_REQUEST_400,
                    "Sign-in for applications is not set up",
                    "This server has no client applications registered, and signing in for an application (the OAuth 2.0 "
                            + "authorization code flow) needs registered clients with their redirect URIs.",
                    "If you run this server, register your applications with GATEHOUSE_CLIENTS and their redirect URIs; "
                            + "until then, applications can only use the password grant at /token.");
            case AuthorizationError.InvalidClient invalid -> badRequestPage(response, "This application is not known here",
                    "The sign-in link names an application (client_id) that is not registered on this server.");
            case AuthorizationError.InvalidRedirectUri invalid -> badRequestPage(response,
                    "This sign-in link cannot be trusted",
                    "It would send you back to an address (redirect_uri) that is not registered for the application, "
                            + "so Gatehouse does not send you there.");
            case AuthorizationError.Redirected(String uri, String code, String description, Optional<String> state) -> {
                StringBuilder location = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?')
                        .append("error=").append(encode(code))
                        .append("&error_description=").append(encode(description));
                state.ifPresent(value -> location.append("&state=").append(encode(value)));
                location.append("&iss=").append(encode(settings.discovery().issuer()));
                redirect(response, redirectStatus, location.toString());
            }
        }
    }

    private void badRequestPage(ServerResponse response, String title, String message) {
        pages.problem(response, Status.BAD_REQUEST_400, title, message, START_AGAIN
                + " If this keeps happening, tell the application's developers what this page says.");
    }

    private String codeUri(IssuedCode code) {
        StringBuilder location = new StringBuilder(code.redirectUri()).append(code.redirectUri().contains("?") ? '&' : '?')
                .append("code=").append(encode(code.code()));
        code.state().ifPresent(state -> location.append("&state=").append(encode(state)));
        return location.append("&iss=").append(encode(settings.discovery().issuer())).toString();
    }

    static void redirect(ServerResponse response, Status status, String location) {
        response.status(status);
        response.header(HeaderValues.create(HeaderNames.LOCATION, location));
        response.header(JsonResponses.NO_STORE);
        response.header(HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"));
        response.send();
    }

    /** The browser's binding value, made (and set as a cookie) when it has none yet. */
    private String binding(ServerRequest request, List<Header> cookies) {
        Optional<String> sent = cookie(request, BINDING_COOKIE).filter(value -> value.length() >= 43);
        if (sent.isPresent()) {
            return sent.get();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        DeviceCookie.write(BINDING_COOKIE, fresh, PATH, Optional.empty(), "Lax", settings.secureCookies()).ifPresent(cookies::add);
        return fresh;
    }

    static Optional<String> cookie(ServerRequest request, String name) {
        return DeviceCookie.read(request.headers().all(HeaderNames.COOKIE, List::of), name);
    }

    private ClientAddress client(ServerRequest request) {
        return ClientAddresses.of(request, settings.addressing());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "a second" : seconds + " seconds";
    }
}
