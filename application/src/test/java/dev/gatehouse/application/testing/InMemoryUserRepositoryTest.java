package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository newEmptyRepository() {
        return new InMemoryUserRepository();
    }
}
