package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlainPasswordTest {

    @Test
    void never_shows_the_password_in_its_text_form() {
        PlainPassword password = new PlainPassword("hunter2-secret");

        assertFalse(password.toString().contains("hunter2"));
        assertEquals("hunter2-secret", password.value());
    }

    @Test
    void refuses_empty_and_oversized_passwords() {
        assertThrows(IllegalArgumentException.class, () -> new PlainPassword(""));
        assertThrows(NullPointerException.class, () -> new PlainPassword(null));
        assertThrows(IllegalArgumentException.class, () -> new PlainPassword("x".repeat(PlainPassword.MAX_BYTES + 1)));
        // 400 three-byte characters are 1,200 bytes of UTF-8: over the cap although only 400 characters.
        assertThrows(IllegalArgumentException.class, () -> new PlainPassword("€".repeat(400)));
    }

    @Test
    void takes_up_to_the_byte_cap_and_counts_length_in_code_points() {
        assertEquals(PlainPassword.MAX_BYTES, new PlainPassword("x".repeat(PlainPassword.MAX_BYTES)).length());
        assertEquals(2, new PlainPassword("🔑🔑").length());
    }

    @Test
    void error_messages_never_contain_the_password() {
        String secret = "€".repeat(400);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new PlainPassword(secret));

        assertFalse(error.getMessage().contains("€"));
    }

    @Test
    void normalises_to_nfkc_and_counts_the_normalised_characters() {
        PlainPassword fullWidth = new PlainPassword("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44");

        assertEquals("password", fullWidth.normalized());
        assertEquals("caf\u00e9", new PlainPassword("cafe\u0301").normalized());
        assertEquals(4, new PlainPassword("cafe\u0301").length());
        assertEquals("plain ascii", new PlainPassword("plain ascii").normalized());
    }
}
