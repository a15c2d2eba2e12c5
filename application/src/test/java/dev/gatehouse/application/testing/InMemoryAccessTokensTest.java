package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AccessTokens;
import java.time.Clock;
import java.time.Duration;

class InMemoryAccessTokensTest extends AccessTokensContract {

    @Override
    protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
        return new InMemoryAccessTokens(clock, lifetime);
    }
}
