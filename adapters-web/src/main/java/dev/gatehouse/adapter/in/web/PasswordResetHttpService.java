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
import java.nio.charset.StandardCharsets;
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
 * {@code GET /password-reset?token=…}, where the mailed link lands, is a page asking for the new password, which it
 * posts to {@code /password-reset/confirm} as a form; the answers to the form are pages.
 */
final class PasswordResetHttpService implements RoutedService {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    static final String CONFIRM_PATH = "/password-reset/confirm";
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
    private final Pages pages = new Pages();

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
                Route.get("/password-reset", this::landing),
                Route.post(CONFIRM_PATH, this::confirmReset));
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

    /** Where the mailed link lands: a page asking for the new password, which posts it with the token as a form. */
    private void landing(ServerRequest httpRequest, ServerResponse response) {
        Optional<String> token = FormBody.parse(httpRequest.query().rawValue().getBytes(StandardCharsets.UTF_8))
                .flatMap(query -> query.value("token"))
                .filter(value -> !value.isBlank() && value.length() <= MAX_TOKEN_LENGTH);
        if (token.isEmpty()) {
            pages.problem(response, Status.BAD_REQUEST_400, "This link is incomplete",
                    "The password-reset link has no token, or not a whole one.", "Open the link from the mail again, in full.");
            return;
        }
        pages.resetPassword(response, Status.OK_200, CONFIRM_PATH, token.get(), "");
    }

    /**
     * The token and the new password as JSON ({@code 204}, or the errors of the other JSON endpoints) or as the form of
     * the page above (a page says what happened, and the form comes back with the reason when the password is refused).
     */
    private void confirmReset(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        boolean page = httpRequest.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false);
        if (page) {
            confirmResetFromPage(httpRequest, response, client);
            return;
        }
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

    private void confirmResetFromPage(ServerRequest httpRequest, ServerResponse response, ClientAddress client) {
        Optional<Duration> wait = limiter.admit(client);
        if (wait.isPresent()) {
            tooMany(response, wait.get());
            return;
        }
        Optional<FormBody> form = FormBody.parse(Requests.body(httpRequest));
        Optional<String> token = form.flatMap(body -> body.value("token"))
                .filter(value -> !value.isBlank() && value.length() <= MAX_TOKEN_LENGTH);
        if (token.isEmpty()) {
            pages.problem(response, Status.BAD_REQUEST_400, "This link is incomplete",
                    "The form came back without the link's token.", "Open the link from the mail again, in full.");
            return;
        }
        String password = form.flatMap(body -> body.value("new_password")).orElse("");
        if (password.isEmpty() || password.length() > PlainPassword.MAX_BYTES
                || password.getBytes(StandardCharsets.UTF_8).length > PlainPassword.MAX_BYTES) {
            pages.resetPassword(response, Status.BAD_REQUEST_400, CONFIRM_PATH, token.get(),
                    "Type a new password of at most " + PlainPassword.MAX_BYTES + " bytes.");
            return;
        }
        switch (confirm.confirmReset(new ConfirmPasswordResetCommand(token.get(), new PlainPassword(password), client))) {
            case ConfirmPasswordResetResult.Reset reset -> pages.problem(response, Status.OK_200, "Your new password is set",
                    "Every session signed in with the old password has ended.", "Sign in with the new password.");
            case ConfirmPasswordResetResult.InvalidToken invalid -> pages.problem(response, Status.BAD_REQUEST_400,
                    "This link does not work", "The password-reset link was used already, has expired, or is not one we sent.",
                    "Ask for a new link and use the newest mail.");
            case ConfirmPasswordResetResult.PasswordRejected(String reason) ->
                    pages.resetPassword(response, Status.BAD_REQUEST_400, CONFIRM_PATH, token.get(), reason);
            case ConfirmPasswordResetResult.Throttled(Duration retryAfter) -> tooMany(response, retryAfter);
            // As when the database is down: the one 503 the whole service answers, whoever asks.
            case ConfirmPasswordResetResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, "Service busy, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private void tooMany(ServerResponse response, Duration retryAfter) {
        pages.problem(response, Status.TOO_MANY_REQUESTS_429, "Too many tries", "This address has tried too many links lately.",
                "Try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds.", JsonResponses.retryAfter(retryAfter));
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
