package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.List;

/**
 * {@code send-password-reset <username>}: mails the user a single-use password-reset link, as the user could ask for one.
 * The mail goes into the outbox; a running Gatehouse sends it. Audited as the console.
 */
final class SendPasswordResetSubcommand implements Subcommand {

    @Override
    public String name() {
        return "send-password-reset";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return "Mail a user a single-use password-reset link (valid 30 minutes); a running Gatehouse sends it";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.sendPasswordReset().sendPasswordReset(ConsoleAccounts.asConsole(username)),
                    username, useCases.scopes());
            io.out().println("queued a password-reset link for " + user.username() + " to " + user.email().orElseThrow());
            return ExitStatus.SUCCESS;
        };
    }
}
