package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientRegistry} adapter must do. Extend it and return the adapter holding exactly the given
 * clients (none, for the empty registry).
 */
public abstract class ClientRegistryContract {

    protected static final String SECRET = "reporting-secret-of-at-least-thirty-two-bytes";
    private static final Client WEB_APP = Client.publicClient(new ClientId("web-app"), true);
    private static final Client REPORTING = Client.confidential(new ClientId("reporting"), ClientSecretHash.of(SECRET), false);

    protected abstract ClientRegistry registryOf(List<Client> clients);

    @Test
    void an_empty_registry_knows_no_client_and_says_so() {
        ClientRegistry registry = registryOf(List.of());

        assertFalse(registry.anyRegistered());
        assertEquals(Optional.empty(), registry.find(new ClientId("web-app")));
    }

    @Test
    void finds_each_registered_client_as_registered() {
        ClientRegistry registry = registryOf(List.of(WEB_APP, REPORTING));

        assertTrue(registry.anyRegistered());
        assertEquals(Optional.of(WEB_APP), registry.find(new ClientId("web-app")));
        Client reporting = registry.find(new ClientId("reporting")).orElseThrow();
        assertEquals(REPORTING, reporting);
        assertTrue(reporting.authenticates(Optional.of(SECRET)));
        assertFalse(reporting.mayUsePasswordGrant());
    }

    @Test
    void finds_nothing_for_an_unknown_id_or_another_spelling() {
        ClientRegistry registry = registryOf(List.of(WEB_APP));

        assertEquals(Optional.empty(), registry.find(new ClientId("reporting")));
        assertEquals(Optional.empty(), registry.find(new ClientId("Web-App")));
        assertEquals(Optional.empty(), registry.find(new ClientId("web-app2")));
    }
}
