package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.MailOutbox;

class InMemoryMailOutboxTest extends MailOutboxContract {

    @Override
    protected MailOutbox newEmptyOutbox() {
        return new InMemoryMailOutbox();
    }
}
