package dev.gatehouse.application.testing;

class InMemoryEmailVerificationsTest extends EmailVerificationsContract {

    @Override
    protected Stores newEmptyStores() {
        InMemoryMailOutbox outbox = new InMemoryMailOutbox();
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Stores(new InMemoryEmailVerifications(users, outbox), outbox, users);
    }
}
