package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /users} registers an account; {@code GET /users/me} shows the one a bearer token speaks for;
 * {@code POST /users/me/password} changes its password, which ends every session and starts a new one.
 */
final class UsersHttpService implements RoutedService {

    private static final String JSON = "application/json";
    private static final String BUSY = "Service busy, retry later";

    private final RegisterUserUseCase registerUser;
    private final CurrentUserUseCase currentUser;
    private final ChangePasswordUseCase changePassword;
    private final WebSettings settings;
    private final RequestLimiter limiter;
    private final boolean showEmailVerified;

    UsersHttpService(RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                     ChangePasswordUseCase changePassword, WebSettings settings, RequestLimiter limiter) {
        this(registerUser, currentUser, changePassword, settings, limiter, false);
    }

    /** {@code showEmailVerified}: email verification is on, so users are shown with {@code email_verified}. */
    UsersHttpService(RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                     ChangePasswordUseCase changePassword, WebSettings settings, RequestLimiter limiter,
                     boolean showEmailVerified) {
        this.showEmailVerified = showEmailVerified;
        this.registerUser = Objects.requireNonNull(registerUser, "registerUser");
        this.currentUser = Objects.requireNonNull(currentUser, "currentUser");
        this.changePassword = Objects.requireNonNull(changePassword, "changePassword");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public List<Route> routes() {
        // Both spellings are served directly: a redirect would drop the body or the Authorization header.
        return List.of(
                Route.post("/users", this::register),
                Route.post("/users/", this::register),
                Route.get("/users/me", this::me),
                Route.get("/users/me/", this::me),
                Route.post("/users/me/password", this::changePassword));
    }

    private void register(ServerRequest request, ServerResponse response) {
        if (!settings.registrationOpen()) {
            throw HttpProblem.detail(Status.FORBIDDEN_403, "Registration is closed");
        }
        ClientAddress client = ClientAddresses.of(request, settings.addressing());
        refuseOverBudget(limiter.admitRegistration(client));
        JsonObject body = jsonBody(request);

        switch (registerUser.register(command(body, client))) {
            case RegisterUserResult.Registered(User user) ->
                    JsonResponses.send(response, Status.CREATED_201, UserResponse.from(user, showEmailVerified).toJson());
            case RegisterUserResult.UsernameTaken taken ->
                    throw HttpProblem.detail(Status.CONFLICT_409, "Username already registered");
            case RegisterUserResult.PasswordRejected(String reason) ->
                    throw HttpProblem.validation(FieldError.invalid("password", reason));
            case RegisterUserResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, BUSY, JsonResponses.retryAfter(retryAfter));
            case RegisterUserResult.EmailRequired required ->
                    throw HttpProblem.validation(FieldError.invalid("email", "an email address is required: it must be verified"));
        }
    }

    /** Reads only the fields a client may set: {@code disabled}, ids or hashes in the body are ignored. */
    private static RegisterUserCommand command(JsonObject body, ClientAddress client) {
        JsonFields fields = new JsonFields(body);
        Username username = fields.required("username", Username::new);
        PlainPassword password = fields.required("password", PlainPassword::new);
        Optional<EmailAddress> email = fields.optional("email", EmailAddress::new);
        Optional<FullName> fullName = fields.optional("full_name", FullName::new);
        fields.throwIfInvalid();
        return new RegisterUserCommand(username, password, email, fullName, client);
    }

    private void me(ServerRequest request, ServerResponse response) {
        String token = BearerTokens.require(request);

        switch (currentUser.currentUser(new CurrentUserQuery(token))) {
            case CurrentUserResult.Authenticated(User user) ->
                    JsonResponses.send(response, Status.OK_200, UserResponse.from(user, showEmailVerified).toJson(), JsonResponses.NO_STORE);
            case CurrentUserResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
            case CurrentUserResult.InactiveUser inactive -> throw inactiveUser();
        }
    }

    /**
     * The token is looked at first, so a request without one learns nothing about the body rules; the body is
     * read like a registration's (JSON only, the same limits, every field problem in one 422).
     */
    private void changePassword(ServerRequest request, ServerResponse response) {
        ClientAddress client = ClientAddresses.of(request, settings.addressing());
        refuseOverBudget(limiter.admit(client));
        String token = BearerTokens.require(request);
        JsonFields fields = new JsonFields(jsonBody(request));
        PlainPassword current = fields.required("current_password", PlainPassword::new);
        PlainPassword next = fields.required("new_password", PlainPassword::new);
        fields.throwIfInvalid();
        ChangePasswordCommand command = new ChangePasswordCommand(token, current, next, client);

        switch (changePassword.changePassword(command)) {
            case ChangePasswordResult.Changed(AccessToken accessToken, String refreshToken, String knownDevice) -> {
                DeviceCookie.write(knownDevice, settings.knownDeviceLifetime(), settings.secureCookies())
                        .ifPresent(response::header);
                JsonResponses.send(response, Status.OK_200,
                        TokenResponse.bearer(accessToken, refreshToken, false).withDeviceToken(knownDevice).toJson(),
                        JsonResponses.NO_STORE, JsonResponses.PRAGMA_NO_CACHE);
            }
            case ChangePasswordResult.InvalidToken invalid -> throw BearerTokens.invalidToken();
            case ChangePasswordResult.InactiveUser inactive -> throw inactiveUser();
            case ChangePasswordResult.Throttled(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.TOO_MANY_REQUESTS_429, "Too many attempts, retry later", JsonResponses.retryAfter(retryAfter));
            case ChangePasswordResult.WrongCurrentPassword wrong ->
                    throw HttpProblem.detail(Status.BAD_REQUEST_400, "Incorrect password");
            // A 400 like the account states above: nothing the client can retry here; the directory changes it.
            case ChangePasswordResult.PasswordInDirectory inDirectory ->
                    throw HttpProblem.detail(Status.BAD_REQUEST_400, "Password is managed by an external directory");
            // As registration words a password the policy refuses, on the field that holds it.
            case ChangePasswordResult.PasswordRejected(String reason) ->
                    throw HttpProblem.validation(FieldError.invalid("new_password", reason));
            case ChangePasswordResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, BUSY, JsonResponses.retryAfter(retryAfter));
        }
    }

    /** Before any use case runs, so a flood costs no database work and no hashing: 429 with {@code Retry-After}. */
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

    private static HttpProblem inactiveUser() {
        return HttpProblem.detail(Status.BAD_REQUEST_400, "Inactive user");
    }
}
