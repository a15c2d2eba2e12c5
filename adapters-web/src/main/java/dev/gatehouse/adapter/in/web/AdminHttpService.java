package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.SearchUsersQuery;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.domain.UserSearchLimits;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The administration API under {@code /admin/users}: list and search, show, disable and enable, unlock, assign
 * and remove roles, end sessions, send a password-reset link. Every route needs a bearer token with the {@code admin} scope of an active
 * user; without the scope the answer is RFC 6750's 403 {@code insufficient_scope}. The use cases decide all of
 * that; this class only reads the request and words the answer.
 */
final class AdminHttpService implements RoutedService {

    static final String USERS = "/admin/users";
    private static final String USER = USERS + "/{username}";
    private static final Header WWW_AUTHENTICATE_INSUFFICIENT_SCOPE = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE,
            "Bearer error=\"insufficient_scope\", scope=\"" + ScopePolicy.ADMIN.value() + "\"");
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final SearchUsersUseCase search;
    private final ShowUserUseCase show;
    private final SetUserEnabledUseCase setEnabled;
    private final UnlockUserUseCase unlock;
    private final ChangeUserRoleUseCase changeRole;
    private final EndUserSessionsUseCase endSessions;
    private final ResetTwoFactorUseCase resetTwoFactor;
    private final SendPasswordResetUseCase sendPasswordReset;
    private final WebSettings settings;

    /** {@code resetTwoFactor}: {@code DELETE /admin/users/{username}/two-factor}, an administrator removes a second factor. */
    AdminHttpService(WebUseCases.Administration useCases, ResetTwoFactorUseCase resetTwoFactor, WebSettings settings) {
        this.resetTwoFactor = java.util.Objects.requireNonNull(resetTwoFactor, "resetTwoFactor");
        this.search = useCases.searchUsers();
        this.show = useCases.showUser();
        this.setEnabled = useCases.setUserEnabled();
        this.unlock = useCases.unlockUser();
        this.changeRole = useCases.changeUserRole();
        this.endSessions = useCases.endUserSessions();
        this.sendPasswordReset = useCases.sendPasswordReset();
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(USERS, this::list),
                Route.get(USER, (request, response) -> sendUser(response, show.show(action(request)))),
                Route.post(USER + "/disable", (request, response) ->
                        sendUser(response, setEnabled.setEnabled(action(request), false))),
                Route.post(USER + "/enable", (request, response) ->
                        sendUser(response, setEnabled.setEnabled(action(request), true))),
                Route.post(USER + "/unlock", (request, response) -> sendUser(response, unlock.unlock(action(request)))),
                Route.put(USER + "/roles/{role}", (request, response) ->
                        sendUser(response, changeRole.changeRole(action(request), role(request), true))),
                Route.delete(USER + "/roles/{role}", (request, response) ->
                        sendUser(response, changeRole.changeRole(action(request), role(request), false))),
                Route.delete(USER + "/sessions", (request, response) ->
                        sendUser(response, endSessions.endSessions(action(request)))),
                Route.post(USER + "/password-reset", (request, response) ->
                        sendUser(response, sendPasswordReset.sendPasswordReset(action(request)))),
                Route.delete(USER + "/two-factor", (request, response) ->
                        sendUser(response, resetTwoFactor.resetTwoFactor(action(request)))));
    }

    private void list(ServerRequest request, ServerResponse response) {
        Actor actor = Actor.bearer(BearerTokens.require(request));
        FormBody query = FormBody.parse(request.query().rawValue().getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> HttpProblem.detail(Status.BAD_REQUEST_400, "Malformed query string"));
        String text = single(query, "q").orElse("");
        if (text.length() > UserSearchLimits.MAX_TEXT_LENGTH) {
            throw HttpProblem.validation(inQuery("q", "must be at most " + UserSearchLimits.MAX_TEXT_LENGTH + " characters"));
        }
        int page = number(query, "page", 0, 0, UserSearchLimits.MAX_PAGE);
        int size = number(query, "size", DEFAULT_PAGE_SIZE, 1, UserSearchLimits.MAX_PAGE_SIZE);
        JsonResponses.send(response, Status.OK_200,
                AdminUserResponse.of(done(search.search(new SearchUsersQuery(actor, text, page, size)))), JsonResponses.NO_STORE);
    }

    /**
     * The token first, so a request without one learns nothing else; a name no account could have is no
     * account, as far as the caller is concerned.
     */
    private AccountAction action(ServerRequest request) {
        Actor actor = Actor.bearer(BearerTokens.require(request));
        Username username;
        try {
            username = new Username(request.path().pathParameters().get("username"));
        } catch (IllegalArgumentException notAUsername) {
            throw noSuchUser();
        }
        return new AccountAction(actor, username, ClientAddresses.of(request, settings.addressing()));
    }

    private static Role role(ServerRequest request) {
        try {
            return new Role(request.path().pathParameters().get("role"));
        } catch (IllegalArgumentException invalid) {
            throw HttpProblem.validation(new FieldError(List.of("path", "role"), invalid.getMessage(), "value_error"));
        }
    }

    private static void sendUser(ServerResponse response, AdminResult<User> result) {
        JsonResponses.send(response, Status.OK_200, AdminUserResponse.of(done(result)), JsonResponses.NO_STORE);
    }

    private static <T> T done(AdminResult<T> result) {
        return switch (result) {
            case AdminResult.Done<T> done -> done.value();
            case AdminResult.Refused<T> refused -> throw refused(refused.refusal());
        };
    }

    /** The answer to a refused administrative request, for every resource under {@code /admin/}. */
    static HttpProblem refused(AdminResult.Refusal refusal) {
        return switch (refusal) {
            case INVALID_TOKEN -> BearerTokens.invalidToken();
            case INACTIVE_ADMIN -> HttpProblem.detail(Status.BAD_REQUEST_400, "Inactive user");
            case INSUFFICIENT_SCOPE -> HttpProblem.detail(Status.FORBIDDEN_403, "Not enough permissions",
                    WWW_AUTHENTICATE_INSUFFICIENT_SCOPE);
            case NO_SUCH_USER -> noSuchUser();
            case UNKNOWN_ROLE -> HttpProblem.validation(
                    new FieldError(List.of("path", "role"), "no such role is configured", "value_error"));
            case OWN_ACCOUNT -> HttpProblem.detail(Status.CONFLICT_409,
                    "An administrator cannot disable their own account or remove their own admin role");
            case LAST_ADMINISTRATOR -> HttpProblem.detail(Status.CONFLICT_409,
                    "That would leave no active administrator");
            case NO_EMAIL_ADDRESS -> HttpProblem.detail(Status.CONFLICT_409, "The user has no e-mail address");
            case NOT_RESETTABLE -> HttpProblem.detail(Status.CONFLICT_409,
                    "The user is disabled, or a directory keeps the password");
        };
    }

    private static HttpProblem noSuchUser() {
        return HttpProblem.detail(Status.NOT_FOUND_404, "User not found");
    }

    private static Optional<String> single(FormBody query, String name) {
        if (query.isRepeated(name)) {
            throw HttpProblem.validation(FieldError.repeated("query", name));
        }
        return query.value(name);
    }

    private static int number(FormBody query, String name, int fallback, int min, int max) {
        Optional<String> raw = single(query, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, like a number out of range.
        }
        throw HttpProblem.validation(inQuery(name, "must be an integer from " + min + " to " + max));
    }

    private static FieldError inQuery(String name, String message) {
        return new FieldError(List.of("query", name), message, "value_error");
    }
}
