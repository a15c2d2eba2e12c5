package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.CLOSED;
import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.HALF_OPEN;
import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final CircuitBreaker breaker = new CircuitBreaker(3);

    @Test
    void opens_after_consecutive_connection_failures_only() {
        breaker.callFailed();
        breaker.callFailed();
        breaker.callSucceeded();
        breaker.callFailed();
        breaker.callFailed();
        assertEquals(CLOSED, breaker.state(), "a success in between starts the count again");

        breaker.callFailed();

        assertEquals(OPEN, breaker.state());
        assertFalse(breaker.allowsCalls());
    }

    @Test
    void a_failed_probe_opens_it_at_once() {
        breaker.probeFailed();

        assertEquals(OPEN, breaker.state());
    }

    @Test
    void stays_open_until_a_probe_connects_then_lets_calls_try() {
        breaker.probeFailed();
        breaker.callFailed();
        assertEquals(OPEN, breaker.state());

        breaker.probeConnected();

        assertEquals(HALF_OPEN, breaker.state());
        assertTrue(breaker.allowsCalls());
    }

    @Test
    void half_open_closes_on_the_first_call_that_connects() {
        breaker.probeFailed();
        breaker.probeConnected();

        breaker.callSucceeded();

        assertEquals(CLOSED, breaker.state());
    }

    @Test
    void half_open_opens_again_on_the_first_call_that_does_not() {
        breaker.probeFailed();
        breaker.probeConnected();

        breaker.callFailed();

        assertEquals(OPEN, breaker.state());
    }

    @Test
    void a_connecting_probe_leaves_a_closed_breaker_closed_and_its_count_alone() {
        breaker.callFailed();
        breaker.callFailed();
        breaker.probeConnected();
        assertEquals(CLOSED, breaker.state());

        breaker.callFailed();

        assertEquals(OPEN, breaker.state());
    }

    @Test
    void needs_at_least_one_failure_to_open() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0));
    }
}
