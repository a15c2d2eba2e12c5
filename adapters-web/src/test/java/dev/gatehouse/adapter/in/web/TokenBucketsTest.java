package dev.gatehouse.adapter.in.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void admits_a_burst_then_one_request_per_interval() {
        TokenBuckets buckets = new TokenBuckets(RequestRate.of(3, 1, Duration.ofSeconds(1)), 100, now::get);

        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), buckets.take("a"), "request " + i);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), buckets.take("a"));
        assertEquals(Optional.empty(), buckets.take("b"), "each key has its own bucket");

        advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), buckets.take("a"), "a refused request costs nothing");
        advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), buckets.take("a"));
        assertTrue(buckets.take("a").isPresent());

        advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), buckets.take("a"), "refilled to the burst, no further: " + i);
        }
        assertTrue(buckets.take("a").isPresent());
    }

    @Test
    void drops_buckets_that_are_full_again() {
        TokenBuckets buckets = new TokenBuckets(RequestRate.of(2, 1, Duration.ofSeconds(1)), 1_000, now::get);
        for (int i = 0; i < 500; i++) {
            buckets.take("client-" + i);
        }
        assertEquals(500, buckets.size());

        advance(Duration.ofSeconds(3));
        buckets.take("late");

        assertEquals(1, buckets.size(), "idle buckets are as good as new ones, so they are forgotten");
    }

    @Test
    void holds_at_most_max_keys_whatever_the_number_of_clients() {
        TokenBuckets buckets = new TokenBuckets(RequestRate.of(2, 1, Duration.ofMinutes(1)), 1_000, now::get);
        for (int i = 0; i < 50_000; i++) {
            buckets.take("client-" + i);
            assertTrue(buckets.size() <= 1_001, "size " + buckets.size() + " after " + i);
        }
    }

    @Test
    void admits_exactly_the_burst_to_parallel_requests() throws Exception {
        TokenBuckets buckets = new TokenBuckets(RequestRate.of(10, 1, Duration.ofMinutes(1)), 100, now::get);
        List<Future<Boolean>> admitted = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 2_000; i++) {
                admitted.add(threads.submit(() -> {
                    go.await();
                    return buckets.take("one").isEmpty();
                }));
            }
            go.countDown();
            int count = 0;
            for (Future<Boolean> one : admitted) {
                count += one.get() ? 1 : 0;
            }
            assertEquals(10, count);
        }
    }

    @Test
    void unlimited_admits_everything_and_keeps_nothing() {
        TokenBuckets buckets = new TokenBuckets(RequestRate.UNLIMITED, 100, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Optional.empty(), buckets.take("a"));
        }
        assertEquals(0, buckets.size());
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
