package dev.gatehouse.adapter.in.cli;

import java.util.List;

/** One command of the command line, such as {@code create-user}: its syntax, its help, and what it does. */
interface Subcommand {

    String name();

    CommandSyntax syntax();

    /** One line, for the list of commands. */
    String summary();

    /**
     * Whether the command needs {@code GATEHOUSE_JWT_SECRET}: only those that create or decrypt signing keys do;
     * managing users works without it.
     */
    default boolean needsSigningSecret() {
        return false;
    }

    /** Further lines of the command's own help, after its usage and summary. */
    default List<String> details() {
        return List.of();
    }

    /**
     * Checks the arguments and reads what the command needs from the terminal, before the database is opened
     * (so a typo costs no start-up, and a person is not kept waiting for a prompt); returns the work to do on the
     * database. Throws a {@link CommandException} for a malformed argument or a refused input.
     */
    Action prepare(Arguments arguments, Terminal terminal);

    /** The work of a command on an open database. Throws a {@link CommandException} when it is refused. */
    @FunctionalInterface
    interface Action {

        ExitStatus run(ConsoleUseCases useCases, Terminal terminal);
    }
}
