package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;

/** {@code end-sessions <username>}: "log out everywhere" for a user, on the operator's word. Audited as the console. */
final class EndSessionsSubcommand implements Subcommand {

    @Override
    public String name() {
        return "end-sessions";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return "End every session of a user: refresh and access tokens stop working at once";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.endSessions().endSessions(ConsoleAccounts.asConsole(username)),
                    username, useCases.scopes());
            io.out().println("ended every session of user " + user.username());
            return ExitStatus.SUCCESS;
        };
    }
}
