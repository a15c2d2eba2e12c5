package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.domain.Client;
import java.util.List;

class InMemoryClientRegistryTest extends ClientRegistryContract {

    @Override
    protected ClientRegistry registryOf(List<Client> clients) {
        return new InMemoryClientRegistry(clients.toArray(Client[]::new));
    }
}
