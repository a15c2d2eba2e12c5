package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PasswordRules;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.util.Optional;

/** The smallest honest policy: the domain's {@link PasswordRules} and nothing more. */
public final class MinimumLengthPasswordPolicy implements PasswordPolicy {

    private final PasswordRules rules;

    public MinimumLengthPasswordPolicy(int minimumLength) {
        this.rules = new PasswordRules(minimumLength);
    }

    @Override
    public Optional<String> rejectionReason(Username username, Optional<EmailAddress> email, PlainPassword password) {
        return rules.violation(username, email, password);
    }
}
