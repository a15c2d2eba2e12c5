package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RegisteredClient;
import java.util.Optional;

/**
 * The clients the application sees: those in the settings, then those registered as data. Registration refuses an
 * id the settings hold, so the two never name one client twice; the settings are asked first all the same. Nothing is
 * cached: a client registered on another instance is found at once.
 */
final class KnownClients implements ClientRegistry {

    private final ClientRegistry configured;
    private final ClientRepository stored;

    KnownClients(ClientRegistry configured, ClientRepository stored) {
        this.configured = configured;
        this.stored = stored;
    }

    @Override
    public Optional<Client> find(ClientId id) {
        Optional<Client> inSettings = configured.find(id);
        return inSettings.isPresent() ? inSettings : stored.find(id).map(RegisteredClient::client);
    }

    @Override
    public boolean anyRegistered() {
        return configured.anyRegistered() || stored.anyStored();
    }

    /** Whether the settings register this id. */
    boolean isConfigured(ClientId id) {
        return configured.find(id).isPresent();
    }
}
