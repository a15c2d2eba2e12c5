package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;
import java.util.Optional;

/**
 * {@code grant-role <username> <role>} and {@code revoke-role <username> <role>}: only a role
 * {@code GATEHOUSE_ROLE_SCOPES} names can be granted, any can be revoked. A change ends the user's sessions, as
 * their tokens were granted under the old roles. Audited as the console.
 */
final class ChangeRoleSubcommand implements Subcommand {

    private final boolean held;

    private ChangeRoleSubcommand(boolean held) {
        this.held = held;
    }

    static ChangeRoleSubcommand grant() {
        return new ChangeRoleSubcommand(true);
    }

    static ChangeRoleSubcommand revoke() {
        return new ChangeRoleSubcommand(false);
    }

    @Override
    public String name() {
        return held ? "grant-role" : "revoke-role";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username", "role"));
    }

    @Override
    public String summary() {
        return held ? "Assign a role (one GATEHOUSE_ROLE_SCOPES names, such as admin) to a user; ends the user's sessions"
                : "Remove a role from a user; ends the user's sessions";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        Role role = ConsoleAccounts.role(arguments.operand(1));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.changeRole().changeRole(ConsoleAccounts.asConsole(username), role, held),
                    username, Optional.of(role), useCases.scopes());
            io.out().println("user " + user.username() + (user.holds(role) ? " holds" : " does not hold") + " the role " + role);
            return ExitStatus.SUCCESS;
        };
    }
}
