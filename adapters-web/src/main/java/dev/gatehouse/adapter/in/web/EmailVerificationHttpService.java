package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.ChangeEmailCommand;
import dev.gatehouse.application.port.in.ChangeEmailResult;
import dev.gatehouse.application.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationCommand;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationResult;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationUseCase;
import dev.gatehouse.application.port.in.RequestEmailVerificationCommand;
import dev.gatehouse.application.port.in.RequestEmailVerificationResult;
import dev.gatehouse.application.port.in.RequestEmailVerificationUseCase;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
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

/**
 * Served only while email verification is on. {@code POST /email-verification} ({@code {"account": username or
 * email}}): always {@code 202} with the same body when well-formed and within budget. {@code POST
 * /email-verification/confirm} with {@code {"token"}} (JSON: {@code 200} with the user's {@code email} and
 * {@code email_verified}) or a form field {@code token} (the page below: an HTML page); an unknown, used or expired link
 * is one {@code 400} with {@code error=invalid_token}. {@code GET /email-verification?token=…}, where the mailed link
 * lands, answers a page with one button that posts the token: fetching the link uses nothing up. {@code POST
 * /users/me/email} ({@code {"current_password", "email"}}, with a bearer token): {@code 202}, the new address is mailed
 * a link and replaces the old one only when that link is used.
 */
final class EmailVerificationHttpService implements RoutedService {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_ACCOUNT_LENGTH = 320;
    private static final int MAX_TOKEN_LENGTH = 128;
    static final String ACCEPTED = "If an account with an unverified address has that name or address, a link is on its way";
    static final String INVALID_LINK = "Invalid, used or expired verification link";
    static final String CONFIRM_PATH = "/email-verification/confirm";
    static final String CHANGE_REQUESTED = "A link to confirm the new address is on its way; the address changes when it is used";

    private final RequestEmailVerificationUseCase request;
    private final ConfirmEmailVerificationUseCase confirm;
    private final ChangeEmailUseCase changeEmail;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final Pages pages = new Pages();

    EmailVerificationHttpService(RequestEmailVerificationUseCase request, ConfirmEmailVerificationUseCase confirm,
                                 ChangeEmailUseCase changeEmail, WebSettings settings, RequestLimiter limiter) {
        this.request = Objects.requireNonNull(request, "request");
        this.confirm = Objects.requireNonNull(confirm, "confirm");
        this.changeEmail = Objects.requireNonNull(changeEmail, "changeEmail");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/email-verification", this::requestLink),
                Route.get("/email-verification", this::landing),
                Route.post(CONFIRM_PATH, this::confirmLink),
                Route.post("/users/me/email", this::changeEmail));
    }

    private void changeEmail(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        String token = BearerTokens.require(httpRequest);
        Requests.requireMediaType(httpRequest, JSON, "Content-Type must be " + JSON);
        JsonFields fields = new JsonFields(jsonBody(httpRequest));
        PlainPassword current = fields.required("current_password", PlainPassword::new);
        EmailAddress email = fields.required("email", EmailAddress::new);
        fields.throwIfInvalid();

        switch (changeEmail.changeEmail(new ChangeEmailCommand(token, current, email, client))) {
            case ChangeEmailResult.Requested requested -> JsonResponses.send(response, Status.ACCEPTED_202,
                    JsonResponses.detail(CHANGE_REQUESTED), JsonResponses.NO_STORE);
            case ChangeEmailResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
            case ChangeEmailResult.InactiveUser inactive -> throw HttpProblem.detail(Status.BAD_REQUEST_400, "Inactive user");
            case ChangeEmailResult.WrongCurrentPassword wrong -> throw HttpProblem.detail(Status.BAD_REQUEST_400, "Incorrect password");
            case ChangeEmailResult.PasswordInDirectory inDirectory ->
                    throw HttpProblem.detail(Status.BAD_REQUEST_400, "Password is managed by an external directory");
            case ChangeEmailResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many attempts, retry later", JsonResponses.retryAfter(retryAfter));
            case ChangeEmailResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, "Service busy, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private void requestLink(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        Requests.requireMediaType(httpRequest, JSON, "Content-Type must be " + JSON);
        JsonFields fields = new JsonFields(jsonBody(httpRequest));
        String account = fields.required("account", bounded("account", MAX_ACCOUNT_LENGTH));
        fields.throwIfInvalid();

        switch (request.requestVerification(new RequestEmailVerificationCommand(account, client))) {
            case RequestEmailVerificationResult.Accepted accepted -> JsonResponses.send(response, Status.ACCEPTED_202,
                    JsonResponses.detail(ACCEPTED), JsonResponses.NO_STORE);
            case RequestEmailVerificationResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many verification requests, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private void landing(ServerRequest httpRequest, ServerResponse response) {
        String token = FormBody.parse(httpRequest.query().rawValue().getBytes(StandardCharsets.UTF_8))
                .flatMap(query -> query.value("token"))
                .filter(value -> !value.isBlank() && value.length() <= MAX_TOKEN_LENGTH)
                .orElse(null);
        if (token == null) {
            pages.problem(response, Status.BAD_REQUEST_400, "This link is incomplete",
                    "The verification link has no token, or not a whole one.", "Open the link from the mail again, in full.");
            return;
        }
        pages.verifyEmail(response, CONFIRM_PATH, token);
    }

    private void confirmLink(ServerRequest httpRequest, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(httpRequest, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        boolean form = httpRequest.headers().contentType().map(type -> type.mediaType().text().equalsIgnoreCase(FORM)).orElse(false);
        String token;
        if (form) {
            token = FormBody.parse(Requests.body(httpRequest)).flatMap(body -> body.value("token"))
                    .filter(value -> !value.isBlank() && value.length() <= MAX_TOKEN_LENGTH)
                    .orElseThrow(() -> HttpProblem.validation(FieldError.invalid("token", "token must be 1 to " + MAX_TOKEN_LENGTH
                            + " characters")));
        } else {
            Requests.requireMediaType(httpRequest, JSON, "Content-Type must be " + JSON + " or " + FORM);
            JsonFields fields = new JsonFields(jsonBody(httpRequest));
            token = fields.required("token", bounded("token", MAX_TOKEN_LENGTH));
            fields.throwIfInvalid();
        }

        switch (confirm.confirmVerification(new ConfirmEmailVerificationCommand(token, client))) {
            case ConfirmEmailVerificationResult.Verified(User user) -> {
                if (form) {
                    pages.problem(response, Status.OK_200, "Your address is confirmed",
                            "Thank you: " + user.email().map(email -> email.value()).orElse("your address") + " is verified.",
                            "You can close this page and sign in.");
                } else {
                    JsonResponses.send(response, Status.OK_200, JsonCodec.BUILDERS.createObjectBuilder()
                            .add("detail", "Email address verified")
                            .add("email", user.email().map(email -> email.value()).orElse(""))
                            .add("email_verified", true)
                            .build(), JsonResponses.NO_STORE);
                }
            }
            case ConfirmEmailVerificationResult.InvalidToken invalid -> {
                if (form) {
                    pages.problem(response, Status.BAD_REQUEST_400, "This link does not work",
                            "The verification link was used already, has expired, or is not one we sent.",
                            "Ask for a new link and use the newest mail.");
                } else {
                    throw HttpProblem.oauth(Status.BAD_REQUEST_400, INVALID_LINK, "invalid_token", INVALID_LINK);
                }
            }
            case ConfirmEmailVerificationResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many invalid verification links, retry later", JsonResponses.retryAfter(retryAfter));
        }
    }

    private static java.util.function.Function<String, String> bounded(String field, int maxLength) {
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
        return JsonCodec.parseObject(Requests.body(request))
                .orElseThrow(() -> HttpProblem.validation(FieldError.bodyNotAnObject()));
    }
}
