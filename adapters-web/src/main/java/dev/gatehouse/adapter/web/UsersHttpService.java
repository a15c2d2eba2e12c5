package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code POST /users} registers an account; {@code GET /users/me} shows the one a bearer token speaks for. */
final class UsersHttpService implements RoutedService {

    private static final Header WWW_AUTHENTICATE_BEARER =
            HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    private static final Header WWW_AUTHENTICATE_INVALID_TOKEN =
            HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

    private final RegisterUserUseCase registerUser;
    private final CurrentUserUseCase currentUser;
    private final WebSettings settings;

    UsersHttpService(RegisterUserUseCase registerUser, CurrentUserUseCase currentUser, WebSettings settings) {
        this.registerUser = Objects.requireNonNull(registerUser, "registerUser");
        this.currentUser = Objects.requireNonNull(currentUser, "currentUser");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        // Both spellings are served directly: a redirect would drop the body or the Authorization header.
        return List.of(
                Route.post("/users", this::register),
                Route.post("/users/", this::register),
                Route.get("/users/me", this::me),
                Route.get("/users/me/", this::me));
    }

    private void register(ServerRequest request, ServerResponse response) {
        Requests.requireMediaType(request, "application/json", "Content-Type must be application/json");
        JsonObject body = JsonCodec.parseObject(Requests.body(request))
                .orElseThrow(() -> HttpProblem.validation(FieldError.bodyNotAnObject()));

        switch (registerUser.register(command(body, ClientAddresses.of(request, settings.trustForwardedFor())))) {
            case RegisterUserResult.Registered(User user) ->
                    JsonResponses.send(response, Status.CREATED_201, UserResponse.from(user).toJson());
            case RegisterUserResult.UsernameTaken taken ->
                    throw HttpProblem.detail(Status.CONFLICT_409, "Username already registered");
            case RegisterUserResult.PasswordRejected(String reason) ->
                    throw HttpProblem.validation(FieldError.invalid("password", reason));
            case RegisterUserResult.Overloaded(Duration retryAfter) -> throw HttpProblem.detail(
                    Status.SERVICE_UNAVAILABLE_503, "Service busy, retry later", JsonResponses.retryAfter(retryAfter));
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
        String token = bearerToken(request)
                .orElseThrow(() -> HttpProblem.detail(Status.UNAUTHORIZED_401, "Not authenticated", WWW_AUTHENTICATE_BEARER));

        switch (currentUser.currentUser(new CurrentUserQuery(token))) {
            case CurrentUserResult.Authenticated(User user) ->
                    JsonResponses.send(response, Status.OK_200, UserResponse.from(user).toJson(), JsonResponses.NO_STORE);
            case CurrentUserResult.InvalidToken invalid -> throw HttpProblem.detail(Status.UNAUTHORIZED_401,
                    "Could not validate credentials", WWW_AUTHENTICATE_INVALID_TOKEN);
            case CurrentUserResult.InactiveUser inactive ->
                    throw HttpProblem.detail(Status.BAD_REQUEST_400, "Inactive user");
        }
    }

    /** The credentials of a single {@code Authorization: Bearer <token>} header (scheme case-insensitive). */
    private static Optional<String> bearerToken(ServerRequest request) {
        List<String> values = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip()).filter(token -> !token.isEmpty());
    }
}
