package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AssertionReplays;

class InMemoryAssertionReplaysTest extends AssertionReplaysContract {

    private final InMemoryAssertionReplays shared = new InMemoryAssertionReplays();

    @Override
    protected AssertionReplays newReplays() {
        return shared;
    }
}
