package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.domain.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AssertionReplays} adapter must do: an assertion is used once, however many present it at once.
 * {@link #newReplays} may be called twice; a shared store must then answer as one (two instances of Gatehouse).
 */
public abstract class AssertionReplaysContract {

    private static final Instant EXPIRES = Instant.parse("2026-12-04T18:05:00Z");
    private static final ClientId BATCH = new ClientId("batch");
    private AssertionReplays replays;

    /** A fresh adapter; one built again in the same test must share the first one's uses (or be the same store). */
    protected abstract AssertionReplays newReplays();

    @BeforeEach
    void create() {
        replays = newReplays();
    }

    @Test
    void an_assertion_is_used_once() {
        String jti = UUID.randomUUID().toString();

        assertTrue(replays.firstUse(BATCH, jti, EXPIRES));
        assertFalse(replays.firstUse(BATCH, jti, EXPIRES));
        assertFalse(replays.firstUse(BATCH, jti, EXPIRES.plusSeconds(60)));
    }

    @Test
    void the_same_id_from_another_client_is_another_assertion() {
        String jti = UUID.randomUUID().toString();

        assertTrue(replays.firstUse(BATCH, jti, EXPIRES));
        assertTrue(replays.firstUse(new ClientId("other"), jti, EXPIRES));
    }

    @Test
    void another_instance_on_the_same_store_refuses_a_used_assertion() {
        String jti = UUID.randomUUID().toString();
        AssertionReplays other = newReplays();

        assertTrue(replays.firstUse(BATCH, jti, EXPIRES));
        assertFalse(other.firstUse(BATCH, jti, EXPIRES));
    }

    @Test
    void of_many_parallel_presentations_of_one_assertion_exactly_one_wins() throws Exception {
        int threads = 16;
        for (int round = 0; round < 5; round++) {
            String jti = UUID.randomUUID().toString();
            List<AssertionReplays> instances = List.of(replays, newReplays());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    AssertionReplays instance = instances.get(i % 2);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return instance.firstUse(BATCH, jti, EXPIRES);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> answer : answers) {
                    winners += answer.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void forgets_only_expired_assertions() {
        String old = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        replays.firstUse(BATCH, old, EXPIRES.minusSeconds(600));
        replays.firstUse(BATCH, live, EXPIRES);

        assertTrue(replays.forgetExpiredBefore(EXPIRES.minusSeconds(1)) >= 1);

        assertFalse(replays.firstUse(BATCH, live, EXPIRES));
        assertTrue(replays.firstUse(BATCH, old, EXPIRES.minusSeconds(600)), "forgotten: an expired assertion is refused anyway");
    }
}
