package dev.gatehouse.adapter.in.cli;

import java.util.Objects;

/**
 * Ends a command with an exit status other than success and a one-line reason for stderr. The command line
 * prints it, prefixed with the command's name (and, for a usage error, followed by the command's usage).
 */
final class CommandException extends RuntimeException {

    private final ExitStatus status;

    private CommandException(ExitStatus status, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
    }

    /** The command line itself is wrong: an unknown option, a missing or malformed argument. */
    static CommandException usage(String message) {
        return new CommandException(ExitStatus.USAGE, message);
    }

    /** The request was understood but refused or failed: no such user, unknown role, password rejected... */
    static CommandException refused(String message) {
        return new CommandException(ExitStatus.REFUSED, message);
    }

    ExitStatus status() {
        return status;
    }
}
