package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.RegisteredClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Clients registered as data, in memory; held honest by {@link ClientRepositoryContract}. */
public final class InMemoryClientRepository implements ClientRepository {

    private final Map<ClientId, RegisteredClient> clients = new ConcurrentHashMap<>();

    @Override
    public boolean add(RegisteredClient client) {
        return clients.putIfAbsent(client.id(), client) == null;
    }

    @Override
    public Optional<RegisteredClient> find(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public List<RegisteredClient> all() {
        return clients.values().stream().sorted(Comparator.comparing(client -> client.id().value())).toList();
    }

    @Override
    public boolean anyStored() {
        return !clients.isEmpty();
    }

    @Override
    public boolean remove(ClientId id) {
        return clients.remove(id) != null;
    }

    @Override
    public boolean replaceSecret(ClientId id, ClientSecretHash next) {
        boolean[] replaced = {false};
        clients.computeIfPresent(id, (key, stored) -> {
            Client client = stored.client();
            if (client.secretHash().isEmpty()) {
                return stored;
            }
            replaced[0] = true;
            return new RegisteredClient(new Client(client.id(), client.type(), Optional.of(next), client.firstParty(),
                    client.mayIntrospect(), client.grantTypes(), client.scopes(), client.audiences(), client.redirectUris(),
                    client.keys()), stored.registeredAt());
        });
        return replaced[0];
    }
}
