package dev.gatehouse.adapter.in.cli;

/**
 * Opens the Gatehouse a command works on (reads the settings, opens and migrates the database, builds the use
 * cases): bootstrap's part, asked for only once the arguments were checked, and only for what the command needs.
 */
@FunctionalInterface
public interface ConsoleOpener {

    /**
     * The use cases over an open database, to close when the command is done. {@code signingSecretRequired}: the
     * command creates or decrypts signing keys ({@link Subcommand#needsSigningSecret()}); the others run on a host
     * that holds no signing secret. Throws {@link InvalidSettings} for a setting that is missing or wrong (exit
     * status 2), {@link CannotOpen} when the database cannot be opened (exit status 1).
     */
    Opened open(boolean signingSecretRequired);

    /** The use cases of an open database; closing closes the database. */
    interface Opened extends AutoCloseable {

        ConsoleUseCases useCases();

        @Override
        void close();
    }

    /** A setting is missing or wrong; the message says which and how to fix it. */
    final class InvalidSettings extends RuntimeException {

        public InvalidSettings(String message) {
            super(message);
        }
    }

    /** The database cannot be opened; the message says why, in one line. */
    final class CannotOpen extends RuntimeException {

        public CannotOpen(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
