package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;

/** {@code unlock <username>}: clears the login backoff failed attempts put on an account. Audited as the console. */
final class UnlockSubcommand implements Subcommand {

    @Override
    public String name() {
        return "unlock";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return "Clear a user's login backoff after failed attempts, so the user can log in at once";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.unlock().unlock(ConsoleAccounts.asConsole(username)),
                    username, useCases.scopes());
            io.out().println("unlocked user " + user.username());
            return ExitStatus.SUCCESS;
        };
    }
}
