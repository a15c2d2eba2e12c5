package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.Username;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the account commands share: reading a username or a role, acting as the console, and explaining a refusal. */
final class ConsoleAccounts {

    private ConsoleAccounts() {
    }

    static Username username(String raw) {
        try {
            return new Username(raw);
        } catch (IllegalArgumentException invalid) {
            throw CommandException.usage("invalid username '" + raw + "': " + invalid.getMessage());
        }
    }

    static Role role(String raw) {
        try {
            return new Role(raw);
        } catch (IllegalArgumentException invalid) {
            throw CommandException.usage("invalid role '" + raw + "': " + invalid.getMessage());
        }
    }

    /** The operator at the command line acting on {@code username}; audited as the console, from no network address. */
    static AccountAction asConsole(Username username) {
        return new AccountAction(Actor.console(), username, ClientAddress.LOCAL);
    }

    /** The value of a done request; a refused one ends the command with exit status 1 and the reason. */
    static <T> T done(AdminResult<T> result, Username username, ScopePolicy scopes) {
        return done(result, username, Optional.empty(), scopes);
    }

    /** As {@link #done(AdminResult, Username, ScopePolicy)}, for a request about {@code role}. */
    static <T> T done(AdminResult<T> result, Username username, Optional<Role> role, ScopePolicy scopes) {
        return switch (result) {
            case AdminResult.Done<T> done -> done.value();
            case AdminResult.Refused<T> refused -> throw CommandException.refused(switch (refused.refusal()) {
                case NO_SUCH_USER -> "no user named '" + username + "'";
                case UNKNOWN_ROLE -> "unknown role '" + role.map(Role::name).orElse("") + "': GATEHOUSE_ROLE_SCOPES names only "
                        + knownRoles(scopes);
                case LAST_ADMINISTRATOR -> "'" + username + "' is the last active administrator; make another one first";
                case NO_EMAIL_ADDRESS -> "'" + username + "' has no e-mail address to send a link to";
                case NOT_RESETTABLE -> "'" + username + "' is disabled, or a directory keeps its password: a reset link could not set it";
                // The console is always admitted; these answer bearer tokens, which the command line never uses.
                case INVALID_TOKEN, INACTIVE_ADMIN, INSUFFICIENT_SCOPE, OWN_ACCOUNT -> "refused: " + refused.refusal();
            });
        };
    }

    static String knownRoles(ScopePolicy scopes) {
        return scopes.roles().isEmpty() ? "no role"
                : scopes.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", "));
    }
}
