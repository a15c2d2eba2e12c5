package dev.gatehouse.adapter.in.cli;

import java.util.Objects;
import java.util.Optional;

/** What a command line asks for: to run a command, to show help, or nothing sensible (a usage error). */
sealed interface Invocation {

    /** Run {@code command} with these arguments. */
    record Run(Subcommand command, Arguments arguments) implements Invocation {

        public Run {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** Show the help of {@code command}, or the general help when it is empty. */
    record Help(Optional<Subcommand> command) implements Invocation {

        public Help {
            Objects.requireNonNull(command, "command");
        }
    }

    /** A usage error: {@code message} says what is wrong, about {@code command} when one was recognised. */
    record Misuse(String message, Optional<Subcommand> command) implements Invocation {

        public Misuse {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(command, "command");
        }
    }
}
