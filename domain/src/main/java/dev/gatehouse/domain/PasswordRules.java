package dev.gatehouse.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules every password policy starts from (NIST SP 800-63B instead of composition rules): a minimum
 * length in characters, and never the account's own username or e-mail address, compared without case.
 */
public record PasswordRules(int minimumLength) {

    public PasswordRules {
        if (minimumLength < 1) {
            throw new IllegalArgumentException("minimumLength must be at least 1, got " + minimumLength);
        }
    }

    /** Why the password breaks these rules, in words fit for the user; empty when it keeps them. */
    public Optional<String> violation(Username username, Optional<EmailAddress> email, PlainPassword password) {
        Objects.requireNonNull(email, "email");
        if (password.length() < minimumLength) {
            return Optional.of("password must be at least " + minimumLength + " characters");
        }
        String lowered = password.normalized().toLowerCase(Locale.ROOT);
        if (lowered.equals(username.canonical())
                || email.map(address -> address.value().toLowerCase(Locale.ROOT).equals(lowered)).orElse(false)) {
            return Optional.of("password must not be the username or e-mail address");
        }
        return Optional.empty();
    }
}
