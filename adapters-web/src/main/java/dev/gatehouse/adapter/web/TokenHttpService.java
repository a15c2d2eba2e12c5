package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code POST /token}: the OAuth2 password grant, answering like FastAPI's {@code OAuth2PasswordRequestForm}. */
final class TokenHttpService implements HttpService {

    private static final String FORM = "application/x-www-form-urlencoded";
    /** RFC 6749 section 3.1: request parameters must not be included more than once. */
    private static final List<String> PARAMETERS =
            List.of("grant_type", "username", "password", "scope", "client_id", "client_secret");
    private static final Header WWW_AUTHENTICATE_BEARER = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");

    private final LogInUseCase logIn;

    TokenHttpService(LogInUseCase logIn) {
        this.logIn = Objects.requireNonNull(logIn, "logIn");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::token)
                .any("/", new MethodNotAllowed("POST"));
    }

    private void token(ServerRequest request, ServerResponse response) {
        Requests.requireMediaType(request, FORM, "Content-Type must be " + FORM);
        FormBody form = FormBody.parse(Requests.body(request)).orElseThrow(() -> invalidRequest("Malformed form body"));
        requirePasswordGrant(form);
        Optional<String> repeated = PARAMETERS.stream().filter(form::isRepeated).findFirst();
        if (repeated.isPresent()) {
            throw invalidRequest("Parameter " + repeated.get() + " must not be repeated");
        }
        LogInCommand command = command(form);

        switch (logIn.logIn(command)) {
            case LogInResult.LoggedIn(AccessToken token) -> JsonResponses.send(response, Status.OK_200,
                    TokenResponse.bearer(token, !command.requestedScopes().isEmpty()).toJson(),
                    JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            case LogInResult.InvalidCredentials invalid -> throw HttpProblem.oauth(Status.UNAUTHORIZED_401,
                    "Incorrect username or password", "invalid_grant", "Incorrect username or password",
                    WWW_AUTHENTICATE_BEARER);
        }
    }

    /** An absent or empty grant_type is allowed, as FastAPI's form allows it. */
    private static void requirePasswordGrant(FormBody form) {
        String grantType = form.value("grant_type").orElse("");
        if (!grantType.isEmpty() && !grantType.equals("password")) {
            throw HttpProblem.oauth(Status.BAD_REQUEST_400, "Unsupported grant type", "unsupported_grant_type",
                    "Only the password grant is supported");
        }
    }

    private static LogInCommand command(FormBody form) {
        List<FieldError> errors = new ArrayList<>();
        String username = required(form, "username", Function.identity(), errors);
        PlainPassword password = required(form, "password", PlainPassword::new, errors);
        if (!errors.isEmpty()) {
            throw HttpProblem.validation(errors);
        }
        return new LogInCommand(username, password, requestedScopes(form.value("scope")));
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
