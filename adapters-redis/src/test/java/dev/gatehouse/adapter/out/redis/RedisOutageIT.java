package dev.gatehouse.adapter.out.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Redis taken away under the adapters, as a crash would: every throttle call fails closed with the port's
 * {@link StoreUnavailableException} (which the web adapter answers 503), never a client exception and never a guess
 * let through; the revocation list answers from memory for the stale-read allowance, then fails closed too.
 */
class RedisOutageIT {

    private static final ThrottleKey JANE = ThrottleKey.account(new Username("jane"));
    private static final Instant LATER = Instant.now().plus(15, ChronoUnit.MINUTES);

    @Test
    void the_throttle_fails_closed_when_redis_is_gone() {
        try (TestRedis.Server server = TestRedis.privateServer(); RedisStore store = RedisStore.open(server.settings())) {
            LoginThrottle throttle = store.loginThrottle(Duration.ofMinutes(15), Clock.systemUTC());
            throttle.change(JANE, before -> AccountBackoff.DEFAULT.afterFailure(before, Instant.now()));

            server.stop();

            AtomicInteger verified = new AtomicInteger();
            assertThrows(StoreUnavailableException.class, () -> throttle.attemptsOf(JANE));
            assertThrows(StoreUnavailableException.class, () -> throttle.change(JANE, before -> {
                verified.incrementAndGet();
                return before;
            }));
            assertThrows(StoreUnavailableException.class, () -> throttle.clear(JANE));
            assertEquals(0, verified.get(), "no change was computed, so no attempt could be charged or let through");
            assertFalse(store.isReachable(Duration.ofMillis(500)));
        }
    }

    @Test
    void revocations_are_answered_from_memory_for_the_stale_read_allowance_then_fail_closed() throws Exception {
        try (TestRedis.Server server = TestRedis.privateServer(); RedisStore store = RedisStore.open(server.settings())) {
            RevokedAccessTokens there = store.revokedAccessTokens(Clock.systemUTC(), Duration.ofMinutes(1), Duration.ZERO,
                    Duration.ofMillis(700));
            RevokedAccessTokens here = store.revokedAccessTokens(Clock.systemUTC(), Duration.ofMinutes(1), Duration.ZERO,
                    Duration.ZERO);
            here.revoke("known-before", LATER);
            assertTrue(there.isRevoked("known-before"));

            server.stop();

            assertTrue(there.isRevoked("known-before"), "within the allowance, what was known still counts");
            assertFalse(there.isRevoked("never-revoked"));
            Thread.sleep(900);
            assertThrows(StoreUnavailableException.class, () -> there.isRevoked("never-revoked"),
                    "past the allowance no token is accepted on an unchecked list");
            assertThrows(StoreUnavailableException.class, () -> here.revoke("during-the-outage", LATER));
            assertThrows(StoreUnavailableException.class, () -> here.isRevoked("during-the-outage"),
                    "no stale reads allowed here");
        }
    }

    @Test
    void opening_fails_with_the_url_and_no_password_when_redis_is_not_there() {
        TestRedis.Server server = TestRedis.privateServer();
        String url = server.url().replace("redis://", "redis://gatehouse:s3cret@") + "/0";
        server.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RedisStore.open(RedisSettings.parse(url)));

        assertTrue(refused.getMessage().startsWith("cannot reach Redis at redis://gatehouse:***@127.0.0.1:"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"));
    }
}
