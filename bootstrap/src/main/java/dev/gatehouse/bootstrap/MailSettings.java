package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.mail.SmtpSettings;
import dev.gatehouse.domain.EmailVerificationMode;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How Gatehouse sends mail: through {@code smtp} (empty: written to the log instead), calling itself
 * {@code productName}, with links that start with {@code linkBase}; and whether it mails links that verify addresses
 * ({@code emailVerification}).
 */
record MailSettings(Optional<SmtpSettings> smtp, String productName, URI linkBase, EmailVerificationMode emailVerification) {

    MailSettings {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(emailVerification, "emailVerification");
    }

    /** Without email verification. */
    MailSettings(Optional<SmtpSettings> smtp, String productName, URI linkBase) {
        this(smtp, productName, linkBase, EmailVerificationMode.OFF);
    }
}
