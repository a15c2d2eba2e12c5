package dev.gatehouse.application.port.out;

/**
 * The mails Gatehouse sends, each rendered by the {@link Mailer} from its own text and HTML templates with the
 * values an {@link OutgoingMail} carries.
 */
public enum MailTemplate {
    /** A password-reset link; values {@code username}, {@code token}, {@code minutes}. */
    PASSWORD_RESET,
    /** The notice that a reset link set a new password; value {@code username}. */
    PASSWORD_CHANGED,
    /** A link proving an email address; values {@code username}, {@code token}, {@code hours}. */
    EMAIL_VERIFICATION,
    /** The notice to an account's former address that another address replaced it; value {@code username}. */
    EMAIL_CHANGED
}
