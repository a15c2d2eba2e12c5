package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.KnownDevices;

class InMemoryKnownDevicesTest extends KnownDevicesContract {

    @Override
    protected KnownDevices newKnownDevices() {
        return new InMemoryKnownDevices();
    }
}
