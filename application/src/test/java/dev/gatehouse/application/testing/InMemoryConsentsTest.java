package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.Consents;

class InMemoryConsentsTest extends ConsentsContract {

    @Override
    protected Consents newEmptyStore() {
        return new InMemoryConsents();
    }
}
