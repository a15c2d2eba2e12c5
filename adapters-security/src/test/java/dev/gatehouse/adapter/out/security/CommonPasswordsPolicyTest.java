package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.testing.PasswordPolicyContract;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy contract, plus the bundled list of common passwords and the order the rules are checked in. */
class CommonPasswordsPolicyTest extends PasswordPolicyContract {

    private static final Optional<String> TOO_COMMON = Optional.of("password is too common; choose one that is harder to guess");
    private final Username jane = new Username("jane");
    private final Optional<EmailAddress> email = Optional.of(new EmailAddress("jane@example.com"));
    private final PasswordPolicy policy = new CommonPasswordsPolicy(CommonPasswordsPolicy.DEFAULT_MINIMUM_LENGTH);

    @Override
    protected PasswordPolicy newPolicy(int minimumLength) {
        return new CommonPasswordsPolicy(minimumLength);
    }

    // All on the list: password (2nd), qwertyuiop (22nd), trustno1 (36th), iloveyou (47th), password1 (189th),
    // password123 (595th); checked without regard to case.
    @ParameterizedTest
    @ValueSource(strings = {"password", "Password", "PASSWORD", "qwertyuiop", "QwertyUiop", "trustno1", "iloveyou",
        "ILoveYou", "password1", "Password1", "password123", "PASSWORD123"})
    void refuses_a_password_from_the_list_in_any_case(String common) {
        assertEquals(TOO_COMMON, policy.rejectionReason(jane, email, new PlainPassword(common)));
    }

    @Test
    void judges_the_normalised_password_so_full_width_letters_do_not_slip_a_common_one_through() {
        // NFKC makes this "password", which is what would be hashed.
        assertEquals(TOO_COMMON, policy.rejectionReason(jane, email,
                new PlainPassword("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44")));
    }

    @Test
    void compares_without_the_default_locale_so_a_dotless_i_changes_nothing() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            assertEquals(TOO_COMMON, policy.rejectionReason(jane, email, new PlainPassword("ILOVEYOU")));
            assertEquals(TOO_COMMON, policy.rejectionReason(jane, email, new PlainPassword("TRUSTNO1")));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void holds_the_whole_list_of_ten_thousand() {
        assertTrue(CommonPasswordsPolicy.commonPasswordCount() >= 10_000, "only " + CommonPasswordsPolicy.commonPasswordCount());
    }

    @Test
    void checks_length_first_then_the_account_then_the_list() {
        // "letmein" is on the list but has 7 characters; "iloveyou" is on the list and is also the username.
        assertEquals(Optional.of("password must be at least 8 characters"),
                policy.rejectionReason(jane, email, new PlainPassword("letmein")));
        assertEquals(Optional.of("password must not be the username or e-mail address"),
                policy.rejectionReason(new Username("iloveyou"), Optional.empty(), new PlainPassword("ILoveYou")));
    }

    @Test
    void accepts_a_long_random_passphrase_without_any_composition_rule() {
        SecureRandom random = new SecureRandom();
        StringBuilder passphrase = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            passphrase.append((char) ('a' + random.nextInt(26)));
        }

        assertEquals(Optional.empty(), policy.rejectionReason(jane, email, new PlainPassword(passphrase.toString())));
        assertEquals(Optional.empty(), policy.rejectionReason(jane, email, new PlainPassword("tangerine lighthouse 47")));
    }

    @Test
    void defaults_to_eight_characters_and_refuses_a_minimum_below_one() {
        assertEquals(8, CommonPasswordsPolicy.DEFAULT_MINIMUM_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> new CommonPasswordsPolicy(0));
    }
}
