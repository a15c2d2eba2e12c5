package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.util.Optional;

/**
 * Decides whether a new password may be used. Every adapter passes {@code PasswordPolicyContract}: at least
 * a minimum length, and never the account's own username or e-mail address.
 */
public interface PasswordPolicy {

    /** Why the password is refused, in words fit for the user; empty when it is acceptable. */
    Optional<String> rejectionReason(Username username, Optional<EmailAddress> email, PlainPassword password);
}
