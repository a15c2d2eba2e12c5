package dev.gatehouse.application.testing;

class InMemoryPasswordResetsTest extends PasswordResetsContract {

    @Override
    protected Stores newEmptyStores() {
        InMemoryMailOutbox outbox = new InMemoryMailOutbox();
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Stores(new InMemoryPasswordResets(users, outbox), outbox, users);
    }
}
