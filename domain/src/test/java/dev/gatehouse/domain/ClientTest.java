package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientTest {

    private static final String SECRET = "a-machine-secret-of-at-least-thirty-two-bytes";

    @ParameterizedTest
    @ValueSource(strings = {"web-app", "a", "reporting.example.com", "x_Y~1!#$%&'()*+,/:;<=>?@[]^`{|}"})
    void accepts_client_ids_made_of_scope_token_characters(String value) {
        assertEquals(value, new ClientId(value).value());
        assertEquals(Optional.of(new ClientId(value)), ClientId.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web app", "quote\"d", "back\\slash", "tab\t", "caf\u00e9", "line\nbreak"})
    void refuses_client_ids_with_other_characters(String value) {
        assertThrows(IllegalArgumentException.class, () -> new ClientId(value));
        assertEquals(Optional.empty(), ClientId.parse(value));
    }

    @Test
    void bounds_the_length_of_a_client_id() {
        assertEquals(64, new ClientId("c".repeat(64)).value().length());
        assertThrows(IllegalArgumentException.class, () -> new ClientId("c".repeat(65)));
        assertEquals(Optional.empty(), ClientId.parse(null));
    }

    @Test
    void a_secret_hash_matches_only_its_secret_and_hides_itself() {
        ClientSecretHash hash = ClientSecretHash.of(SECRET);

        assertTrue(hash.matches(SECRET));
        assertFalse(hash.matches(SECRET + "x"));
        assertFalse(hash.matches(""));
        assertFalse(hash.matches(null));
        // The SHA-256 of the UTF-8 bytes, so an operator can compute it with sha256sum.
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ClientSecretHash.of("hello").hex());
        assertFalse(hash.toString().contains(hash.hex()));
        assertThrows(IllegalArgumentException.class, () -> new ClientSecretHash("ABC"));
        assertThrows(IllegalArgumentException.class, () -> new ClientSecretHash(hash.hex().toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void a_confidential_client_authenticates_with_its_secret_only() {
        Client client = Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false);

        assertTrue(client.authenticates(Optional.of(SECRET)));
        assertFalse(client.authenticates(Optional.of("wrong")));
        assertFalse(client.authenticates(Optional.empty()));
    }

    @Test
    void a_public_client_authenticates_with_its_id_alone_and_never_with_a_secret() {
        Client client = Client.publicClient(new ClientId("web-app"), true);

        assertTrue(client.authenticates(Optional.empty()));
        assertFalse(client.authenticates(Optional.of(SECRET)));
    }

    @Test
    void only_first_party_clients_may_use_the_password_grant() {
        assertTrue(Client.publicClient(new ClientId("web-app"), true).mayUsePasswordGrant());
        assertFalse(Client.publicClient(new ClientId("partner"), false).mayUsePasswordGrant());
    }

    @Test
    void only_a_confidential_client_marked_so_may_introspect() {
        Client reporting = Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false);

        assertFalse(reporting.mayIntrospect());
        assertTrue(reporting.allowedToIntrospect().mayIntrospect());
        assertThrows(IllegalArgumentException.class,
                () -> Client.publicClient(new ClientId("web-app"), true).allowedToIntrospect());
    }

    @Test
    void a_confidential_client_has_a_secret_and_a_public_one_none() {
        ClientId id = new ClientId("app");
        assertThrows(IllegalArgumentException.class, () -> new Client(id, Client.Type.CONFIDENTIAL, Optional.empty(), true));
        assertThrows(IllegalArgumentException.class,
                () -> new Client(id, Client.Type.PUBLIC, Optional.of(ClientSecretHash.of(SECRET)), true));
    }

    @Test
    void a_session_remembers_its_client() {
        User jane = User.register(new Username("jane"), new PasswordHash("$test$hash"), null, null, java.time.Instant.EPOCH);
        ClientId webApp = new ClientId("web-app");

        RefreshSession session = RefreshSession.start(jane, java.util.Set.of(), Optional.of(webApp), java.time.Instant.EPOCH);

        assertEquals(Optional.of(webApp), session.client());
        assertEquals(Optional.of(webApp), session.revoked(java.time.Instant.EPOCH).client());
        assertTrue(session.revoked(java.time.Instant.EPOCH).isRevoked());
        assertEquals(Optional.empty(), RefreshSession.start(jane, java.util.Set.of(), java.time.Instant.EPOCH).client());
    }
}
