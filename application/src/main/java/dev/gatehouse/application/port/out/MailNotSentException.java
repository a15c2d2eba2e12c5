package dev.gatehouse.application.port.out;

/**
 * The {@link Mailer} could not hand a mail over (server down, refused, timed out). {@code permanent} when trying again
 * cannot help (the server refused the address for good).
 */
public class MailNotSentException extends RuntimeException {

    private final boolean permanent;

    public MailNotSentException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
