package dev.gatehouse.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.testing.RevokedAccessTokensContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The revoked-access-token contract on one vendor, each test on a fresh database; "another instance" re-reads
 * at every look, so the contract's at-once checks hold. Plus the adapter's own promises: a revocation reaches an
 * instance that re-reads only every so often, concurrent revocations of one token all succeed, and expired rows go.
 */
abstract class JpaRevokedAccessTokensITBase extends RevokedAccessTokensContract {

    private final OpenDatabases databases = new OpenDatabases();
    private DatabaseSettings settings;
    private Database database;

    protected abstract DatabaseSettings freshSettings();

    @Override
    protected RevokedAccessTokens newEmptyList() {
        settings = freshSettings();
        database = databases.open(settings);
        return database.revokedAccessTokens();
    }

    @Override
    protected RevokedAccessTokens anotherInstanceOnTheSameStore() {
        return databases.open(settings).revokedAccessTokens(Duration.ZERO);
    }

    @AfterEach
    void closeDatabases() {
        databases.closeAll();
    }

    @Test
    void another_instance_learns_a_revocation_within_its_refresh_interval() throws Exception {
        RevokedAccessTokens here = newEmptyList();
        RevokedAccessTokens there = databases.open(settings).revokedAccessTokens(Duration.ofMillis(300));
        String tokenId = UUID.randomUUID().toString();
        assertFalse(there.isRevoked(tokenId), "looked once, so the next look waits for the interval");

        here.revoke(tokenId, LATER);

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!there.isRevoked(tokenId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(there.isRevoked(tokenId));
    }

    @Test
    void concurrent_revocations_of_one_token_all_succeed() throws Exception {
        newEmptyList();
        String tokenId = UUID.randomUUID().toString();
        List<RevokedAccessTokens> instances = List.of(database.revokedAccessTokens(), databases.open(settings).revokedAccessTokens());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Void>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RevokedAccessTokens instance = instances.get(i % 2);
                attempts.add(() -> {
                    start.await();
                    instance.revoke(tokenId, LATER);
                    return null;
                });
            }
            List<Future<Void>> results = new ArrayList<>();
            attempts.forEach(attempt -> results.add(pool.submit(attempt)));
            start.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(anotherInstanceOnTheSameStore().isRevoked(tokenId));
    }

}
