package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.Seals;

class InMemorySealsTest extends SealsContract {

    @Override
    protected Seals newSeals() {
        return new InMemorySeals();
    }
}
