package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"johndoe", "alice", "J", "john.doe", "john_doe-2", "john@example.com", "a+b"})
    void accepts_ordinary_usernames(String value) {
        assertEquals(value, new Username(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " john", "john doe", ".john", "-john", "jöhn", "john\n", "john;drop", "<script>"})
    void refuses_usernames_outside_the_allowed_characters(String value) {
        assertThrows(IllegalArgumentException.class, () -> new Username(value));
    }

    @Test
    void refuses_null_and_overlong_usernames() {
        assertThrows(NullPointerException.class, () -> new Username(null));
        assertThrows(IllegalArgumentException.class, () -> new Username("a".repeat(Username.MAX_LENGTH + 1)));
        assertEquals(Username.MAX_LENGTH, new Username("a".repeat(Username.MAX_LENGTH)).value().length());
    }

    @Test
    void compares_case_insensitively_through_the_canonical_form() {
        assertEquals("johndoe", new Username("JohnDoe").canonical());
        assertTrue(new Username("JohnDoe").sameAs(new Username("JOHNDOE")));
        assertFalse(new Username("johndoe").sameAs(new Username("janedoe")));
    }
}
