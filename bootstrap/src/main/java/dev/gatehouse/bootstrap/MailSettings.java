package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.mail.SmtpSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How Gatehouse sends mail: through {@code smtp} (empty: written to the log instead), calling itself
 * {@code productName}, with links that start with {@code linkBase}.
 */
record MailSettings(Optional<SmtpSettings> smtp, String productName, URI linkBase) {

    MailSettings {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(linkBase, "linkBase");
    }
}
