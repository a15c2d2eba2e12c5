package dev.gatehouse.application.testing;

class InMemoryMfaChallengesTest extends MfaChallengesContract {

    @Override
    protected Stores newEmptyStores() {
        return new Stores(new InMemoryMfaChallenges(), new InMemoryUserRepository());
    }
}
