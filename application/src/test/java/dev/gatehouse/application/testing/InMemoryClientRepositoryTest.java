package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClientRepository;

/** The client repository contract on the in-memory fake; "another instance" is the same map. */
class InMemoryClientRepositoryTest extends ClientRepositoryContract {

    private InMemoryClientRepository shared;

    @Override
    protected ClientRepository newRepository() {
        if (shared == null) {
            shared = new InMemoryClientRepository();
        }
        return shared;
    }
}
