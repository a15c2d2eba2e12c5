package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;

/**
 * {@code disable <username>} and {@code enable <username>}: a disabled user cannot log in, and every session
 * ends at once; enabling lets the user log in again (the ended sessions stay ended). Audited as the console.
 */
final class SetEnabledSubcommand implements Subcommand {

    private final boolean enabled;

    private SetEnabledSubcommand(boolean enabled) {
        this.enabled = enabled;
    }

    static SetEnabledSubcommand disable() {
        return new SetEnabledSubcommand(false);
    }

    static SetEnabledSubcommand enable() {
        return new SetEnabledSubcommand(true);
    }

    @Override
    public String name() {
        return enabled ? "enable" : "disable";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return enabled ? "Let a disabled user log in again (sessions ended by disabling stay ended)"
                : "Disable a user: logins are refused, and every session and token stops working at once";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.setEnabled().setEnabled(ConsoleAccounts.asConsole(username), enabled),
                    username, useCases.scopes());
            io.out().println("user " + user.username() + " is " + (user.isActive() ? "enabled" : "disabled"));
            return ExitStatus.SUCCESS;
        };
    }
}
