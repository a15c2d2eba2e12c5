package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.testing.ClientRegistryContract;
import dev.gatehouse.domain.Client;
import java.util.List;

class ConfiguredClientRegistryTest extends ClientRegistryContract {

    @Override
    protected ClientRegistry registryOf(List<Client> clients) {
        return new ConfiguredClientRegistry(clients);
    }
}
