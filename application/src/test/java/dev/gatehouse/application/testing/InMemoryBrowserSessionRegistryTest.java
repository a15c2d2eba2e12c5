package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;

class InMemoryBrowserSessionRegistryTest extends BrowserSessionRegistryContract {

    @Override
    protected BrowserSessionRegistry newEmptyRegistry() {
        return new InMemoryBrowserSessionRegistry();
    }
}
