package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * {@code POST /token}: the OAuth2 password grant, answering like FastAPI's {@code OAuth2PasswordRequestForm}.
 * A successful login sets the known-device cookie; the next login sends it back, so its owner gets through a
 * throttle that guessing by someone else ran up.
 */
final class TokenHttpService implements RoutedService {

    private static final Logger LOGGER = Logger.getLogger(TokenHttpService.class.getName());

    private static final String FORM = "application/x-www-form-urlencoded";
    /** RFC 6749 section 3.1: request parameters must not be included more than once. */
    private static final List<String> PARAMETERS =
            List.of("grant_type", "username", "password", "scope", "client_id", "client_secret");
    private static final Header WWW_AUTHENTICATE_BEARER = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    private static final String BUSY = "Service busy, retry later";
    /** The grant types this endpoint serves, as the authorization server metadata lists them. */
    static final List<String> GRANT_TYPES = List.of("password");

    private final LogInUseCase logIn;
    private final WebSettings settings;

    TokenHttpService(LogInUseCase logIn, WebSettings settings) {
        this.logIn = Objects.requireNonNull(logIn, "logIn");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/token", this::token));
    }

    private void token(ServerRequest request, ServerResponse response) {
        Requests.requireMediaType(request, FORM, "Content-Type must be " + FORM);
        FormBody form = FormBody.parse(Requests.body(request)).orElseThrow(() -> invalidRequest("Malformed form body"));
        requirePasswordGrant(form);
        Optional<String> repeated = PARAMETERS.stream().filter(form::isRepeated).findFirst();
        if (repeated.isPresent()) {
            throw invalidRequest("Parameter " + repeated.get() + " must not be repeated");
        }
        LogInCommand command = command(form, ClientAddresses.of(request, settings.trustForwardedFor()),
                DeviceCookie.read(request.headers().all(HeaderNames.COOKIE, List::of)));

        switch (logIn.logIn(command)) {
            case LogInResult.LoggedIn(AccessToken token, String knownDevice) -> {
                DeviceCookie.write(knownDevice, settings.knownDeviceLifetime(), settings.secureCookies())
                        .ifPresentOrElse(response::header,
                                () -> LOGGER.warning("Known-device credential cannot be sent as a cookie; none set"));
                JsonResponses.send(response, Status.OK_200,
                        TokenResponse.bearer(token, !command.requestedScopes().isEmpty()).toJson(),
                        JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            }
            case LogInResult.InvalidCredentials invalid -> throw invalidGrant();
            // Exactly the wrong-password answer plus when to retry: nothing else tells a guesser more.
            case LogInResult.Throttled(Duration retryAfter) -> throw invalidGrant(JsonResponses.retryAfter(retryAfter));
            case LogInResult.Overloaded(Duration retryAfter) -> throw HttpProblem.oauth(Status.SERVICE_UNAVAILABLE_503,
                    BUSY, "temporarily_unavailable", BUSY, JsonResponses.retryAfter(retryAfter));
        }
    }

    private static HttpProblem invalidGrant(Header... extraHeaders) {
        Header[] headers = new Header[extraHeaders.length + 1];
        headers[0] = WWW_AUTHENTICATE_BEARER;
        System.arraycopy(extraHeaders, 0, headers, 1, extraHeaders.length);
        return HttpProblem.oauth(Status.UNAUTHORIZED_401, "Incorrect username or password", "invalid_grant",
                "Incorrect username or password", headers);
    }

    /** An absent or empty grant_type is allowed, as FastAPI's form allows it. */
    private static void requirePasswordGrant(FormBody form) {
        String grantType = form.value("grant_type").orElse("");
        if (!grantType.isEmpty() && !grantType.equals("password")) {
            throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Unsupported grant type", "unsupported_grant_type",
                    "Only the password grant is supported");
        }
    }

    private static LogInCommand command(FormBody form, ClientAddress client, Optional<String> knownDevice) {
        List<FieldError> errors = new ArrayList<>();
        String username = required(form, "username", Function.identity(), errors);
        PlainPassword password = required(form, "password", PlainPassword::new, errors);
        if (!errors.isEmpty()) {
            throw HttpProblem.validation(errors);
        }
        return new LogInCommand(username, password, requestedScopes(form.value("scope")), client, knownDevice);
    }

    /** Like FastAPI's form fields, an empty value counts as missing. */
    private static <T> T required(FormBody form, String field, Function<String, T> factory, List<FieldError> errors) {
        Optional<String> value = form.value(field).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            errors.add(FieldError.missing(field));
            return null;
        }
        try {
            return factory.apply(value.get());
        } catch (IllegalArgumentException invalid) {
            errors.add(FieldError.invalid(field, invalid.getMessage()));
            return null;
        }
    }

    private static Set<Scope> requestedScopes(Optional<String> scope) {
        try {
            return Scope.parseList(scope.orElse(null));
        } catch (IllegalArgumentException invalid) {
            throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Invalid scope", "invalid_scope", invalid.getMessage());
        }
    }

    private static HttpProblem invalidRequest(String description) {
        return HttpProblem.oauth(Status.BAD_REQUEST_400, description, "invalid_request", description);
    }
}
