package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.ClientAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

    private static final ClientAddress RESOURCE_SERVER = new ClientAddress("198.51.100.20");

    private final AtomicLong now = new AtomicLong();

    @Test
    void a_resource_server_may_ask_on_every_request_it_serves_without_spending_its_address_s_logins() {
        RequestLimiter limiter = new RequestLimiter(RateLimits.DEFAULT, now::get);

        // A second's worth at the default rate, far beyond the 60 requests a client may make at once elsewhere.
        long admitted = IntStream.range(0, 1_000)
                .filter(question -> limiter.admitIntrospection(RESOURCE_SERVER).isEmpty()).count();

        assertEquals(1_000, admitted);
        assertTrue(limiter.admit(RESOURCE_SERVER).isEmpty(), "introspection spent the address's budget for /token");
    }

    @Test
    void introspection_has_a_budget_of_its_own_that_logins_do_not_spend() {
        RateLimits limits = new RateLimits(RequestRate.of(2, 1, Duration.ofHours(1)), RequestRate.of(100, 1, Duration.ofHours(1)),
                RequestRate.of(2, 1, Duration.ofHours(1)), RequestRate.of(3, 1, Duration.ofHours(1)), 100);
        RequestLimiter limiter = new RequestLimiter(limits, now::get);

        limiter.admit(RESOURCE_SERVER);
        limiter.admit(RESOURCE_SERVER);
        assertTrue(limiter.admit(RESOURCE_SERVER).isPresent(), "the client's own budget is spent");

        assertTrue(limiter.admitIntrospection(RESOURCE_SERVER).isEmpty());
        assertTrue(limiter.admitIntrospection(RESOURCE_SERVER).isEmpty());
        assertTrue(limiter.admitIntrospection(RESOURCE_SERVER).isEmpty());
        assertTrue(limiter.admitIntrospection(RESOURCE_SERVER).isPresent(), "the introspection budget is bounded too");
    }
}
