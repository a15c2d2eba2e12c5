package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.ConfirmPasswordResetCommand;
import dev.gatehouse.application.port.in.ConfirmPasswordResetResult;
import dev.gatehouse.application.port.in.ConfirmPasswordResetUseCase;
import dev.gatehouse.application.port.in.RequestPasswordResetCommand;
import dev.gatehouse.application.port.in.RequestPasswordResetResult;
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.support.json.JsonCodec;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /password-reset} ({@code {"account": username or email}}): always {@code 202} with the same body when
 * the request is well-formed and within budget, whether or not an account has that name. {@code POST
 * /password-reset/confirm} ({@code {"token", "new_password"}}): {@code 204} when the password is set; an unknown, used
 * or expired link is one {@code 400} with {@code error=invalid_token}. Both spend the client's request budget first.
 */
final class PasswordResetHttpService implements RoutedService {

    private static final String JSON = "application/json";
    /** Longer than any username or address: anything longer is not one, and is refused before any work. */
    private static final int MAX_ACCOUNT_LENGTH = 320;
    /** A token is 43 base64url characters; a little room, no more. */
    private static final int MAX_TOKEN_LENGTH = 128;
    static final String ACCEPTED = "If an account has that name or address, a reset link is on its way";
    static final String INVALID_LINK = "Invalid or expired reset link";

    private final RequestPasswordResetUseCase request;
    private final ConfirmPasswordResetUseCase confirm;
    private final WebSettings settings;
    private final RequestLimiter limiter;

    PasswordResetHttpService(RequestPasswordResetUseCase request, ConfirmPasswordResetUseCase confirm, WebSettings settings,
                             RequestLimiter limiter) {
        this.request = Objects.requireNonNull(request, "request");
        this.confirm = Objects.requireNonNull(confirm, "confirm");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/password-reset", this::requestReset),
                Route.post("/password-reset/confirm", this::confirmReset));
    }

    private void requestReset(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        JsonFields fields = new JsonFields(jsonBody(httpRequest));
        String account = fields.required("account", bounded("account", MAX_ACCOUNT_LENGTH));
        fields.throwIfInvalid();

        switch (request.requestReset(new RequestPasswordResetCommand(account, client))) {
            case RequestPasswordResetResult.Accepted accepted -> JsonResponses.send(response, Status.ACCEPTED_202,
                    JsonResponses.detail(ACCEPTED), JsonResponses.NO_STORE);
            case RequestPasswordResetResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many reset requests, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private void confirmReset(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        JsonFields fields = new JsonFields(jsonBody(httpRequest));
        String token = fields.required("token", bounded("token", MAX_TOKEN_LENGTH));
        PlainPassword password = fields.required("new_password", PlainPassword::new);
        fields.throwIfInvalid();

        switch (confirm.confirmReset(new ConfirmPasswordResetCommand(token, password, client))) {
            case ConfirmPasswordResetResult.Reset reset -> {
                response.status(Status.NO_CONTENT_204);
                response.header(JsonResponses.NO_STORE);
                response.send();
            }
            case ConfirmPasswordResetResult.InvalidToken invalid ->
                    throw HttpProblem.oauth(Status.BAD_REQUEST_400, INVALID_LINK, "invalid_token", INVALID_LINK);
            case ConfirmPasswordResetResult.PasswordRejected(String reason) ->
                    throw HttpProblem.validation(FieldError.invalid("new_password", reason));
            case ConfirmPasswordResetResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many invalid reset links, retry later", JsonResponses.retryAfter(retryAfter));
            case ConfirmPasswordResetResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, "Service busy, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private static Function<String, String> bounded(String field, int maxLength) {
        return text -> {
            if (text.isBlank() || text.length() > maxLength) {
                throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters");
            }
            return text;
        };
    }

    private static void refuseOverBudget(Optional<Duration> wait) {
        if (wait.isPresent()) {
            throw HttpProblem.detail(Status.TOO_MANY_REQUESTS_429, RateLimits.TOO_MANY, JsonResponses.retryAfter(wait.get()));
        }
    }

    private static JsonObject jsonBody(ServerRequest request) {
        Requests.requireMediaType(request, JSON, "Content-Type must be " + JSON);
        return JsonCodec.parseObject(Requests.body(request))
                .orElseThrow(() -> HttpProblem.validation(FieldError.bodyNotAnObject()));
    }
}
