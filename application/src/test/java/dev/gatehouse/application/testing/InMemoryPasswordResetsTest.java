package dev.gatehouse.application.testing;

class InMemoryPasswordResetsTest extends PasswordResetsContract {

    @Override
    protected Stores newEmptyStores() {
        InMemoryMailOutbox outbox = new InMemoryMailOutbox();
        return new Stores(new InMemoryPasswordResets(outbox), outbox, new InMemoryUserRepository());
    }
}
