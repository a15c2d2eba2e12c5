package dev.gatehouse.application.testing;

class InMemoryTwoFactorCredentialsTest extends TwoFactorCredentialsContract {

    @Override
    protected Stores newEmptyStores() {
        return new Stores(new InMemoryTwoFactorCredentials(), new InMemoryUserRepository());
    }
}
