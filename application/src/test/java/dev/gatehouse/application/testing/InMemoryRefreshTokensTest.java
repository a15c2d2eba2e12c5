package dev.gatehouse.application.testing;

class InMemoryRefreshTokensTest extends RefreshTokensContract {

    @Override
    protected Stores newEmptyStores() {
        return new Stores(new InMemoryRefreshTokens(), new InMemoryUserRepository());
    }
}
