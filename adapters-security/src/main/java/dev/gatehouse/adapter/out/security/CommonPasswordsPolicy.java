package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PasswordRules;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules NIST SP 800-63B recommends instead of composition rules: the domain's {@link PasswordRules}
 * (a minimum length in characters, not the account's own username or e-mail address), and not one of the 10,000
 * most common passwords (compared without regard to case). NIST SP 800-63B (revision 3) and OWASP ASVS 4.0 require at least
 * {@value #DEFAULT_MINIMUM_LENGTH} characters; ASVS 5.0 keeps 8 but recommends 15, and SP 800-63B-4 requires 15
 * for a password that is the only factor.
 */
public final class CommonPasswordsPolicy implements PasswordPolicy {

    public static final int DEFAULT_MINIMUM_LENGTH = 8;

    private static final String COMMON_PASSWORDS = "common-passwords.txt";
    // Loaded when the class is, so a missing list stops the service at start, not at the first registration.
    private static final Set<String> COMMON = load();

    private final PasswordRules rules;

    public CommonPasswordsPolicy(int minimumLength) {
        this.rules = new PasswordRules(minimumLength);
    }

    @Override
    public Optional<String> rejectionReason(Username username, Optional<EmailAddress> email, PlainPassword password) {
        return rules.violation(username, email, password).or(() -> COMMON.contains(password.normalized().toLowerCase(Locale.ROOT))
                ? Optional.of("password is too common; choose one that is harder to guess")
                : Optional.empty());
    }

    /** How many passwords the bundled list holds. */
    static int commonPasswordCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        InputStream stream = CommonPasswordsPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
        if (stream == null) {
            throw new IllegalStateException("the common password list " + COMMON_PASSWORDS + " is missing from the class path");
        }
        Set<String> passwords = new HashSet<>(16_384);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common password list " + COMMON_PASSWORDS, e);
        }
        return Collections.unmodifiableSet(passwords);
    }
}
