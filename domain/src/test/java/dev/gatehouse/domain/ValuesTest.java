package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"johndoe@example.com", "a.b+c@sub.example.org"})
    void accepts_plausible_email_addresses(String value) {
        assertEquals(value, new EmailAddress(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "johndoe", "john@", "@example.com", "john@example", "john doe@example.com", "a@b@c.com"})
    void refuses_implausible_email_addresses(String value) {
        assertThrows(IllegalArgumentException.class, () -> new EmailAddress(value));
    }

    @Test
    void refuses_blank_overlong_or_control_character_full_names() {
        assertEquals("John Doe", new FullName("John Doe").value());
        assertThrows(IllegalArgumentException.class, () -> new FullName("   "));
        assertThrows(IllegalArgumentException.class, () -> new FullName("x".repeat(FullName.MAX_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> new FullName("John\u0000Doe"));
    }

    @Test
    void a_password_hash_names_its_algorithm_and_hides_its_text() {
        PasswordHash hash = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");

        assertEquals("argon2id", hash.algorithm());
        assertFalse(hash.toString().contains("aGFzaA"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("plaintext"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("$with space$"));
    }

    @Test
    void a_password_kept_by_a_directory_is_a_hash_of_the_reserved_scheme_naming_a_valid_entry() {
        PasswordHash inDirectory = PasswordHash.inDirectory(new DirectoryEntry("alice"));

        assertEquals("$directory$alice", inDirectory.encoded());
        assertEquals(Optional.of(new DirectoryEntry("alice")), inDirectory.directoryEntry());
        assertEquals(Optional.of(new DirectoryEntry("a$b")), new PasswordHash("$directory$a$b").directoryEntry());
        assertEquals(inDirectory, new PasswordHash("$directory$alice"), "as a store reads it back");
        assertEquals(Optional.empty(), new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").directoryEntry());
        assertEquals(Optional.empty(), new PasswordHash("$directoryish$abc").directoryEntry(), "another scheme");
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("$directory$"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("$directory"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("$directory$" + "x".repeat(DirectoryEntry.MAX_LENGTH + 1)));
    }

    @Test
    void refuses_empty_overlong_blank_or_control_character_directory_entries() {
        assertEquals("uid-7@corp", new DirectoryEntry("uid-7@corp").name());
        assertThrows(IllegalArgumentException.class, () -> new DirectoryEntry(""));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryEntry("x".repeat(DirectoryEntry.MAX_LENGTH + 1)));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryEntry("john doe"));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryEntry("john\u0000"));
        assertThrows(NullPointerException.class, () -> new DirectoryEntry(null));
    }

    @Test
    void parses_and_formats_scope_lists() {
        Set<Scope> scopes = Scope.parseList("  me   items ");

        assertEquals(List.of(new Scope("me"), new Scope("items")), List.copyOf(scopes));
        assertEquals("items me", Scope.format(scopes), "sorted, whatever order they came in");
        assertTrue(Scope.parseList(null).isEmpty());
        assertTrue(Scope.parseList(" ").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Scope.parseList("me \"quoted\""));
        assertThrows(IllegalArgumentException.class, () -> new Scope("back\\slash"));
    }

    @Test
    void an_access_token_hides_its_value_and_knows_its_lifetime() {
        Instant issued = Instant.parse("2026-11-22T10:00:00Z");
        AccessToken token = new AccessToken("eyJ.secret.sig", issued, issued.plusSeconds(900), Set.of());

        assertEquals(Duration.ofMinutes(15), token.lifetime());
        assertFalse(token.toString().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> new AccessToken("x", issued, issued, Set.of()));
    }
}
