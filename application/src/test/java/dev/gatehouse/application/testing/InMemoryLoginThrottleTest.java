package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.LoginThrottle;

class InMemoryLoginThrottleTest extends LoginThrottleContract {

    private InMemoryLoginThrottle throttle;

    @Override
    protected LoginThrottle newEmptyThrottle() {
        throttle = new InMemoryLoginThrottle();
        return throttle;
    }

    @Override
    protected LoginThrottle anotherInstanceOnTheSameStore() {
        return throttle;
    }
}
