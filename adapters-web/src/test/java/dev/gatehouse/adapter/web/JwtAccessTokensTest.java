package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.testing.AccessTokensContract;
import java.time.Clock;
import java.time.Duration;

class JwtAccessTokensTest extends AccessTokensContract {

    @Override
    protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
        JwtSettings settings = new JwtSettings("gatehouse-test", "gatehouse-test", JwtSettings.randomSecret(),
                lifetime, JwtSettings.DEFAULT_CLOCK_SKEW);
        return new JwtAccessTokens(settings, clock);
    }
}
