package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** {@code show-user <username>}: one account, a field per line; never the password hash. */
final class ShowUserSubcommand implements Subcommand {

    @Override
    public String name() {
        return "show-user";
    }

    @Override
    public CommandSyntax syntax() {
        return CommandSyntax.of(List.of("username"));
    }

    @Override
    public String summary() {
        return "Show a user: id, e-mail, full name, status, roles, creation time (never the password hash)";
    }

    @Override
    public Action prepare(Arguments arguments, Terminal terminal) {
        Username username = ConsoleAccounts.username(arguments.operand(0));
        return (useCases, io) -> {
            User user = ConsoleAccounts.done(useCases.show().show(ConsoleAccounts.asConsole(username)), username,
                    useCases.scopes());
            print(user, io.out());
            return ExitStatus.SUCCESS;
        };
    }

    // Fields listed one by one, so that a new field of User (a hash, say) cannot appear here by accident.
    private static void print(User user, PrintStream out) {
        field(out, "username", user.username().value());
        field(out, "id", user.id().toString());
        field(out, "email", user.email().map(EmailAddress::value).orElse("-"));
        field(out, "full name", user.fullName().map(FullName::value).orElse("-"));
        field(out, "status", status(user));
        field(out, "roles", roles(user));
        field(out, "created", user.createdAt().toString());
    }

    static String status(User user) {
        return user.isActive() ? "active" : "disabled";
    }

    static String roles(User user) {
        return user.roles().isEmpty() ? "-" : user.roles().stream().sorted().map(Role::name).collect(Collectors.joining(" "));
    }

    private static void field(PrintStream out, String name, String value) {
        out.printf("%-10s %s%n", name + ":", value);
    }
}
