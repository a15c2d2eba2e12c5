package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginProtectionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void account_backoff_starts_at_one_second_doubles_and_stops_at_fifteen_minutes() {
        AccountBackoff backoff = AccountBackoff.DEFAULT;

        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfter(2));
        assertEquals(Duration.ofSeconds(512), backoff.delayAfter(10));
        assertEquals(Duration.ofMinutes(15), backoff.delayAfter(11));
        assertEquals(Duration.ofMinutes(15), backoff.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void each_failure_blocks_the_account_for_the_next_delay() {
        FailedAttempts first = AccountBackoff.DEFAULT.afterFailure(FailedAttempts.NONE, T0);
        FailedAttempts second = AccountBackoff.DEFAULT.afterFailure(first, T0.plusSeconds(1));

        assertEquals(1, first.count());
        assertEquals(T0.plusSeconds(1), first.blockedUntil());
        assertEquals(2, second.count());
        assertEquals(T0.plusSeconds(3), second.blockedUntil());
        assertTrue(second.blocksAt(T0.plusSeconds(2)));
        assertEquals(Optional.of(Duration.ofSeconds(1)), second.retryAfter(T0.plusSeconds(2)));
        assertFalse(second.blocksAt(T0.plusSeconds(3)));
    }

    @Test
    void a_quiet_period_starts_the_count_afresh() {
        FailedAttempts many = FailedAttempts.NONE;
        for (int i = 0; i < 8; i++) {
            many = AccountBackoff.DEFAULT.afterFailure(many, T0.plusSeconds(i));
        }

        FailedAttempts later = AccountBackoff.DEFAULT.afterFailure(many, T0.plus(Duration.ofHours(2)));

        assertEquals(1, later.count());
        assertEquals(T0.plus(Duration.ofHours(2)).plusSeconds(1), later.blockedUntil());
    }

    @Test
    void a_client_budget_blocks_the_rest_of_the_window_once_spent() {
        ClientBudget budget = new ClientBudget(3, Duration.ofMinutes(10));
        FailedAttempts attempts = FailedAttempts.NONE;
        attempts = budget.afterFailure(attempts, T0);
        attempts = budget.afterFailure(attempts, T0.plusSeconds(10));
        assertFalse(attempts.blocksAt(T0.plusSeconds(11)));

        attempts = budget.afterFailure(attempts, T0.plusSeconds(20));

        assertTrue(attempts.blocksAt(T0.plusSeconds(21)));
        assertEquals(T0.plus(Duration.ofMinutes(10)), attempts.blockedUntil());
        FailedAttempts nextWindow = budget.afterFailure(attempts, T0.plus(Duration.ofMinutes(10)));
        assertEquals(1, nextWindow.count());
        assertFalse(nextWindow.blocksAt(T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void refuses_nonsensical_settings() {
        assertThrows(IllegalArgumentException.class, () -> new AccountBackoff(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new AccountBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new AccountBackoff(Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class, () -> new ClientBudget(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new ClientBudget(5, Duration.ZERO));
    }
}
