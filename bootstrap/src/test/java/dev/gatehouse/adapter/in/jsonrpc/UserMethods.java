package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code users.register} (username, password, email?, full_name?) creates an account; {@code users.me} shows the
 * one the request's bearer token speaks for; {@code users.show} (username) shows any account to a bearer of the
 * {@code admin} scope. A user is shown by the fields listed here and no others, so a hash cannot leak.
 */
final class UserMethods {

    private final RegisterUserUseCase registerUser;
    private final CurrentUserUseCase currentUser;
    private final ShowUserUseCase showUser;

    UserMethods(RegisterUserUseCase registerUser, CurrentUserUseCase currentUser, ShowUserUseCase showUser) {
        this.registerUser = Objects.requireNonNull(registerUser, "registerUser");
        this.currentUser = Objects.requireNonNull(currentUser, "currentUser");
        this.showUser = Objects.requireNonNull(showUser, "showUser");
    }

    JsonObject register(Call call) {
        Params params = call.params();
        Username username = params.required("username", Username::new);
        PlainPassword password = params.required("password", PlainPassword::new);
        Optional<EmailAddress> email = params.optional("email", EmailAddress::new);
        Optional<FullName> fullName = params.optional("full_name", FullName::new);
        params.throwIfInvalid();

        return switch (registerUser.register(new RegisterUserCommand(username, password, email, fullName, call.client()))) {
            case RegisterUserResult.Registered(User user) -> user(user).build();
            case RegisterUserResult.UsernameTaken taken ->
                    throw JsonRpcError.of(JsonRpcError.USERNAME_TAKEN, "Username already registered");
            case RegisterUserResult.PasswordRejected(String reason) -> throw JsonRpcError.invalidParams("password", reason);
            case RegisterUserResult.Overloaded(Duration retryAfter) ->
                    throw JsonRpcError.retryAfter(JsonRpcError.RETRY_LATER, "Service busy, retry later", retryAfter);
            case RegisterUserResult.EmailRequired required ->
                    throw JsonRpcError.invalidParams("email", "an email address is required: it must be verified");
        };
    }

    JsonObject me(Call call) {
        String token = call.requireBearerToken();

        return switch (currentUser.currentUser(new CurrentUserQuery(token))) {
            case CurrentUserResult.Authenticated(User user) -> user(user).build();
            case CurrentUserResult.InvalidToken invalid -> throw JsonRpcError.invalidToken();
            case CurrentUserResult.InactiveUser inactive -> throw inactiveUser();
        };
    }

    /** An administrative use case: the bearer token is the {@link Actor}, and the use case judges it. */
    JsonObject show(Call call) {
        Actor actor = Actor.bearer(call.requireBearerToken());
        Username username = call.params().required("username", Username::new);
        call.params().throwIfInvalid();

        return switch (showUser.show(new AccountAction(actor, username, call.client()))) {
            case AdminResult.Done<User>(User user) -> {
                JsonArrayBuilder roles = JsonCodec.BUILDERS.createArrayBuilder();
                user.roles().forEach(role -> roles.add(role.name()));
                yield user(user).add("roles", roles).build();
            }
            case AdminResult.Refused<User>(AdminResult.Refusal refusal) -> throw switch (refusal) {
                case INVALID_TOKEN -> JsonRpcError.invalidToken();
                case INACTIVE_ADMIN -> inactiveUser();
                case INSUFFICIENT_SCOPE -> JsonRpcError.of(JsonRpcError.NOT_ENOUGH_PERMISSIONS, "Not enough permissions");
                case NO_SUCH_USER -> JsonRpcError.of(JsonRpcError.NO_SUCH_USER, "User not found");
                // Refusals of changes; showing a user changes nothing.
                case UNKNOWN_ROLE, OWN_ACCOUNT, LAST_ADMINISTRATOR, NO_EMAIL_ADDRESS, NOT_RESETTABLE ->
                        new IllegalStateException("showing a user was refused as a change: " + refusal);
            };
        };
    }

    private static JsonObjectBuilder user(User user) {
        return JsonCodec.BUILDERS.createObjectBuilder()
                .add("username", user.username().value())
                .add("email", user.email().<JsonValue>map(email -> Json.createValue(email.value()))
                        .orElse(JsonValue.NULL))
                .add("full_name", user.fullName().<JsonValue>map(name -> Json.createValue(name.value()))
                        .orElse(JsonValue.NULL))
                .add("disabled", user.isDisabled());
    }

    private static JsonRpcError inactiveUser() {
        return JsonRpcError.of(JsonRpcError.INACTIVE_USER, "Inactive user");
    }
}
