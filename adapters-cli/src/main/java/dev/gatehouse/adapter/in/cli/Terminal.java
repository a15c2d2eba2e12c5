package dev.gatehouse.adapter.in.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a command reads its input and writes its answers: the process's standard streams (only {@link Main}
 * touches those), or a test's buffers. {@code prompt} is present when a person sits at a terminal.
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Optional<SecretPrompt> prompt) {

    /** Asks the person at the terminal for a secret without echoing it; empty at the end of input. */
    @FunctionalInterface
    public interface SecretPrompt {

        Optional<char[]> ask(String question);
    }

    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(prompt, "prompt");
    }
}
