package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The clients named in the settings ({@code GATEHOUSE_CLIENTS}), fixed at start: configuration, not data, so every instance reads the
 * same list from its own settings and nothing needs storing. Held honest by {@code ClientRegistryContract}.
 */
public final class ConfiguredClientRegistry implements ClientRegistry {

    private final Map<ClientId, Client> clients;

    public ConfiguredClientRegistry(List<Client> clients) {
        this.clients = clients.stream().collect(Collectors.toUnmodifiableMap(Client::id, Function.identity()));
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
