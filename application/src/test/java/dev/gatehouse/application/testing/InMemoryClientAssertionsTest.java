package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.time.Clock;

class InMemoryClientAssertionsTest extends ClientAssertionsContract {

    @Override
    protected ClientAssertions newAssertions(Clock clock) {
        return new InMemoryClientAssertions(clock, audience());
    }

    @Override
    protected String audience() {
        return "https://auth.example.com/token";
    }

    @Override
    protected Client registered(ClientId id) {
        return Client.confidential(id, InMemoryClientAssertions.keys("registered"), false);
    }

    @Override
    protected String signed(Claims claims, boolean registeredKey) {
        return InMemoryClientAssertions.assertion(claims.iss(), claims.sub(), claims.aud(), claims.exp(), claims.jti(),
                registeredKey ? "registered" : "another");
    }
}
