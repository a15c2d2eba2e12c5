package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordPolicy} adapter must do. Extend it and build the adapter with the given minimum. */
public abstract class PasswordPolicyContract {

    private final Username jane = new Username("JaneRoe2026");
    private final Optional<EmailAddress> email = Optional.of(new EmailAddress("jane.roe@example.com"));

    protected abstract PasswordPolicy newPolicy(int minimumLength);

    @Test
    void accepts_a_long_unremarkable_password() {
        assertEquals(Optional.empty(), newPolicy(8).rejectionReason(jane, email, new PlainPassword("tangerine lighthouse 47")));
    }

    @Test
    void refuses_a_password_below_the_minimum_length_in_characters_and_says_so() {
        PasswordPolicy policy = newPolicy(12);

        assertEquals(Optional.of("password must be at least 12 characters"),
                policy.rejectionReason(jane, email, new PlainPassword("zq8#Lp2!vW4")));
        assertEquals(Optional.empty(), policy.rejectionReason(jane, email, new PlainPassword("zq8#Lp2!vW4x")));
        // Twelve characters of three bytes each: length is counted in characters, not bytes.
        assertEquals(Optional.empty(), policy.rejectionReason(jane, email, new PlainPassword("ΩΩΩΩΩΩΩΩΩΩΩΩ")));
    }

    @Test
    void refuses_the_username_or_the_email_address_as_password_in_any_case() {
        PasswordPolicy policy = newPolicy(8);

        assertTrue(policy.rejectionReason(jane, email, new PlainPassword("janeroe2026")).isPresent());
        assertTrue(policy.rejectionReason(jane, email, new PlainPassword("Jane.Roe@Example.com")).isPresent());
        assertTrue(policy.rejectionReason(jane, Optional.empty(), new PlainPassword("JANEROE2026")).isPresent());
    }
}
