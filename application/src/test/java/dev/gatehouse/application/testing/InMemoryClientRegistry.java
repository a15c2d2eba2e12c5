package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Clients in memory, none at first (client authentication off); held honest by {@link ClientRegistryContract}. */
public final class InMemoryClientRegistry implements ClientRegistry {

    private final Map<ClientId, Client> clients = new ConcurrentHashMap<>();

    public InMemoryClientRegistry(Client... clients) {
        for (Client client : clients) {
            register(client);
        }
    }

    /** Registers a client, replacing one with the same id. */
    public InMemoryClientRegistry register(Client client) {
        clients.put(client.id(), client);
        return this;
    }

    @Override
    public Optional<Client> find(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public boolean anyRegistered() {
        return !clients.isEmpty();
    }
}
