package dev.gatehouse.adapter.out.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.testing.RevokedAccessTokensContract;
import dev.gatehouse.domain.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The revoked-access-token contract on a real {@code redis-server}, each test on a database of its own; "another
 * instance" is a second {@link RedisStore} that reads at every look, so the contract's at-once checks hold. Plus the
 * adapter's own promises: a revocation reaches an instance that reads only every so often, concurrent revocations
 * of one token all succeed and log it once, and entries leave Redis by themselves.
 */
class RedisRevokedAccessTokensIT extends RevokedAccessTokensContract {

    /** Long enough that the contract's entries past their moment are still there for housekeeping to count. */
    private static final Duration KEEP = Duration.ofHours(1);

    private final OpenStores stores = new OpenStores();
    private RedisSettings settings;

    @Override
    protected RevokedAccessTokens newEmptyList() {
        settings = TestRedis.fresh();
        return instance(RedisRevokedAccessTokens.DEFAULT_REFRESH_INTERVAL);
    }

    @Override
    protected RevokedAccessTokens anotherInstanceOnTheSameStore() {
        return instance(Duration.ZERO);
    }

    private RevokedAccessTokens instance(Duration refreshInterval) {
        return stores.open(settings).revokedAccessTokens(Clock.systemUTC(), KEEP, refreshInterval, Duration.ZERO);
    }

    @AfterEach
    void closeStores() {
        stores.closeAll();
    }

    @Test
    void another_instance_learns_a_revocation_within_its_refresh_interval() throws Exception {
        RevokedAccessTokens here = newEmptyList();
        RevokedAccessTokens there = instance(Duration.ofMillis(300));
        String tokenId = UUID.randomUUID().toString();
        SessionId session = SessionId.newId();
        assertFalse(there.isRevoked(tokenId), "looked once, so the next look waits for the interval");

        here.revoke(tokenId, LATER);
        here.revokeSession(session, LATER);

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!there.isRevoked(tokenId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(there.isRevoked(tokenId));
        assertTrue(there.isSessionRevoked(session));
    }

    @Test
    void concurrent_revocations_of_one_token_on_two_instances_all_succeed() throws Exception {
        newEmptyList();
        String tokenId = UUID.randomUUID().toString();
        List<RevokedAccessTokens> instances = List.of(instance(Duration.ZERO), instance(Duration.ZERO));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RevokedAccessTokens instance = instances.get(i % 2);
                results.add(pool.submit(() -> {
                    start.await();
                    instance.revoke(tokenId, LATER);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(anotherInstanceOnTheSameStore().isRevoked(tokenId));
        assertEquals(1, anotherInstanceOnTheSameStore().forgetExpiredBefore(LATER.plusSeconds(1)), "stored once");
    }

    @Test
    void entries_leave_redis_by_themselves_once_past_their_moment_by_the_kept_margin() {
        settings = TestRedis.fresh();
        RedisStore store = stores.open(settings);
        RevokedAccessTokens list = store.revokedAccessTokens(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        Instant now = Instant.now();
        list.revoke("long-expired", now.minusSeconds(31));
        list.revoke("within-the-margin", now.minusSeconds(10));

        list.revoke("next", LATER); // each revocation drops what no longer refuses anything

        RevokedAccessTokens fresh = store.revokedAccessTokens(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        assertFalse(fresh.isRevoked("long-expired"));
        assertTrue(fresh.isRevoked("within-the-margin"), "a token past exp may still pass within the clock skew");
        assertTrue(fresh.isRevoked("next"));
        assertEquals(2, list.forgetExpiredBefore(LATER.plusSeconds(1)), "only two were left for housekeeping");
    }
}
