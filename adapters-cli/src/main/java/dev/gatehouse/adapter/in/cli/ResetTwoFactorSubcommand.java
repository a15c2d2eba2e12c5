package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;

/**
 * {@code reset-two-factor <username>}: removes a user's second factor and recovery codes on the operator's word (a lost
 * phone), so the password alone signs in again. Audited as the console.
 */
final class ResetTwoFactorSubcommand implements Subcommand {

    @Override
    public String name() {
        return "reset-two-factor";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return "Remove a user's second factor and recovery codes: the password alone signs in again";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.resetTwoFactor().resetTwoFactor(ConsoleAccounts.asConsole(username)),
                    username, useCases.scopes());
            io.out().println("removed the second factor of user " + user.username());
            return ExitStatus.SUCCESS;
        };
    }
}
