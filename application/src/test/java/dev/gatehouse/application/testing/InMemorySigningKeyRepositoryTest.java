package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.SigningKeyRepository;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    private InMemorySigningKeyRepository keys;

    @Override
    protected SigningKeyRepository newEmptyRepository() {
        keys = new InMemorySigningKeyRepository();
        return keys;
    }

    @Override
    protected SigningKeyRepository anotherInstanceOnTheSameStore() {
        return keys;
    }
}
