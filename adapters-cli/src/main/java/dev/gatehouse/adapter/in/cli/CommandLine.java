package dev.gatehouse.adapter.in.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The administrative commands of the jar ({@code gatehouse create-user root --admin}): parses the arguments,
 * shows help, and runs a command against the database the settings name (migrated by Flyway as at a server
 * start) without starting the HTTP server. Exit status 0 when done, 1 when refused or failed, 2 for a usage error;
 * every message is one line on stderr, every answer goes to stdout.
 */
public final class CommandLine {

    private static final Logger LOG = Logger.getLogger(CommandLine.class.getName());
    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    CommandLine(List<Subcommand> commands) {
        for (Subcommand command : commands) {
            if (this.commands.put(command.name(), command) != null) {
                throw new IllegalArgumentException("two commands named " + command.name());
            }
        }
    }

    /** Every command of the jar, in the order the help lists them. */
    public static CommandLine standard() {
        return new CommandLine(List.of(
                new CreateUserSubcommand(),
                new ImportUsersSubcommand(),
                SetEnabledSubcommand.disable(),
                SetEnabledSubcommand.enable(),
                new UnlockSubcommand(),
                new SendPasswordResetSubcommand(),
                ChangeRoleSubcommand.grant(),
                ChangeRoleSubcommand.revoke(),
                new EndSessionsSubcommand(),
                new ResetTwoFactorSubcommand(),
                new ShowUserSubcommand(),
                new ListUsersSubcommand(),
                new RotateKeysSubcommand(),
                new RevokeKeySubcommand(),
                new RegisterClientSubcommand(),
                new ListClientsSubcommand(),
                new RemoveClientSubcommand(),
                new RotateClientSecretSubcommand()));
    }

    /**
     * Runs the command {@code arguments} name. The settings are read only for a command that will run (help and
     * usage errors need none), and the database is opened only after the arguments were checked.
     */
    public ExitStatus run(List<String> arguments, Terminal terminal, ConsoleOpener opener) {
        return switch (parse(arguments)) {
            case Invocation.Help help -> {
                help.command().ifPresentOrElse(command -> printHelp(command, terminal.out()), () -> printHelp(terminal.out()));
                yield ExitStatus.SUCCESS;
            }
            case Invocation.Misuse misuse -> misused(misuse.message(), misuse.command(), terminal.err());
            case Invocation.Run run -> execute(run.command(), run.arguments(), terminal, opener);
        };
    }

    Invocation parse(List<String> arguments) {
        if (arguments.isEmpty() || HELP.contains(arguments.get(0))) {
            if (arguments.size() <= 1) {
                return new Invocation.Help(Optional.empty());
            }
            Subcommand command = commands.get(arguments.get(1));
            if (command == null) {
                return new Invocation.Misuse("unknown command '" + arguments.get(1) + "'", Optional.empty());
            }
            return arguments.size() == 2 ? new Invocation.Help(Optional.of(command))
                    : new Invocation.Misuse("help takes one command at most", Optional.empty());
        }
        Subcommand command = commands.get(arguments.get(0));
        if (command == null) {
            return new Invocation.Misuse("unknown command '" + arguments.get(0) + "'", Optional.empty());
        }
        return parse(command, arguments.subList(1, arguments.size()));
    }

    private static Invocation parse(Subcommand command, List<String> arguments) {
        CommandSyntax syntax = command.syntax();
        List<String> operands = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        boolean optionsEnded = false;
        for (int index = 0; index < arguments.size(); index++) {
            String argument = arguments.get(index);
            // No option is a single dash and a word, so while an operand is still due such an argument is that
            // operand: a key id is base64url and one in 64 begins with '-'.
            boolean singleDashOperand = !argument.startsWith("--") && !HELP.contains(argument)
                    && operands.size() < syntax.operands().size();
            if (optionsEnded || !argument.startsWith("-") || argument.equals("-") || singleDashOperand) {
                operands.add(argument);
                continue;
            }
            if (argument.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (HELP.contains(argument)) {
                return new Invocation.Help(Optional.of(command));
            }
            int equals = argument.indexOf('=');
            String name = argument.startsWith("--") ? argument.substring(2, equals < 0 ? argument.length() : equals) : "";
            Optional<CommandSyntax.Option> option = syntax.option(name);
            if (option.isEmpty()) {
                return misuse(command, "unknown option " + (equals < 0 ? argument : argument.substring(0, equals))
                        + (name.equals("password") ? " (the password is read from standard input, never from an argument)" : "")
                        + (operands.size() < syntax.operands().size()
                                ? " (an operand that begins with -- goes after --: gatehouse " + command.name() + " -- " + argument + ")"
                                : ""));
            }
            if (!option.get().takesValue()) {
                if (equals >= 0) {
                    return misuse(command, "--" + name + " takes no value");
                }
                flags.add(name);
                continue;
            }
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (index + 1 < arguments.size()) {
                value = arguments.get(++index);
            } else {
                return misuse(command, "--" + name + " needs a value (" + option.get().valueName().orElseThrow() + ")");
            }
            if (options.put(name, value) != null) {
                return misuse(command, "--" + name + " is given twice");
            }
        }
        if (operands.size() < syntax.operands().size()) {
            return misuse(command, "missing <" + syntax.operands().get(operands.size()) + ">");
        }
        if (operands.size() > syntax.operands().size()) {
            return misuse(command, "unexpected argument '" + operands.get(syntax.operands().size()) + "'");
        }
        return new Invocation.Run(command, new Arguments(operands, options, flags));
    }

    private static Invocation misuse(Subcommand command, String message) {
        return new Invocation.Misuse(message, Optional.of(command));
    }

    private ExitStatus execute(Subcommand command, Arguments arguments, Terminal terminal, ConsoleOpener opener) {
        String prefix = "gatehouse " + command.name() + ": ";
        try {
            Subcommand.Action action = command.prepare(arguments, terminal);
            ConsoleOpener.Opened opened;
            try {
                opened = opener.open(command.needsSigningSecret());
            } catch (ConsoleOpener.InvalidSettings invalid) {
                terminal.err().println("gatehouse: " + invalid.getMessage());
                return ExitStatus.USAGE;
            } catch (ConsoleOpener.CannotOpen cannotOpen) {
                LOG.log(Level.FINE, "cannot open the database", cannotOpen);
                terminal.err().println(prefix + cannotOpen.getMessage());
                return ExitStatus.REFUSED;
            }
            try (opened) {
                return action.run(opened.useCases(), terminal);
            }
        } catch (CommandException stopped) {
            if (stopped.status() == ExitStatus.USAGE) {
                return misused(stopped.getMessage(), Optional.of(command), terminal.err());
            }
            terminal.err().println(prefix + stopped.getMessage());
            return stopped.status();
        } catch (RuntimeException failed) {
            // The operator needs the reason in one line (database gone, say), not a stack trace.
            LOG.log(Level.FINE, command.name() + " failed", failed);
            terminal.err().println(prefix + "failed: " + failed.getMessage());
            return ExitStatus.REFUSED;
        }
    }

    private ExitStatus misused(String message, Optional<Subcommand> command, PrintStream err) {
        err.println("gatehouse" + command.map(known -> " " + known.name()).orElse("") + ": " + message);
        err.println(command.map(known -> "usage: " + usage(known) + " (gatehouse help " + known.name() + " for more)")
                .orElse("usage: gatehouse <command> [arguments]; gatehouse help lists the commands"));
        return ExitStatus.USAGE;
    }

    private static String usage(Subcommand command) {
        String syntax = command.syntax().usage();
        return "gatehouse " + command.name() + (syntax.isEmpty() ? "" : " " + syntax);
    }

    public void printHelp(PrintStream out) {
        out.println("usage: gatehouse                       serve HTTP (settings from GATEHOUSE_* variables, see the README)");
        out.println("       gatehouse <command> [arguments]  run one administrative command and exit");
        out.println("       gatehouse help [<command>]       this help, or a command's");
        out.println();
        out.println("Commands work on the database the GATEHOUSE_* settings name (GATEHOUSE_DB_URL, else the embedded");
        out.println("database in GATEHOUSE_DATA_DIR), without starting the server; every change is audited as (console).");
        out.println();
        for (Subcommand command : commands.values()) {
            out.println("  " + usage(command));
            out.println("      " + command.summary());
        }
        out.println();
        out.println("Passwords are never arguments (they would show in ps and in the shell's history): create-user reads");
        out.println("the first line of standard input, or asks twice without echo at a terminal.");
        out.println("Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 usage error.");
    }

    void printHelp(Subcommand command, PrintStream out) {
        out.println("usage: " + usage(command));
        out.println(command.summary());
        command.details().forEach(out::println);
        out.println("Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 usage error.");
    }
}
