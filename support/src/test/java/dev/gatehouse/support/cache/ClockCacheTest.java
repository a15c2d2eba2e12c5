package dev.gatehouse.support.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClockCacheTest {

    private static final long FOREVER = TimeUnit.DAYS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000);

    private ClockCache<String, String> cache(int maximumEntries) {
        return new ClockCache<>(maximumEntries, now::get);
    }

    @Test
    void answers_what_was_put_until_it_is_replaced_or_removed() {
        ClockCache<String, String> cache = cache(10);
        cache.put("a", "1", FOREVER);
        cache.put("b", "2", FOREVER);
        cache.put("a", "3", FOREVER);

        assertEquals("3", cache.get("a"));
        assertEquals("2", cache.get("b"));
        assertEquals(2, cache.size());

        cache.remove("a");
        cache.remove("b", "other");
        assertNull(cache.get("a"));
        assertEquals("2", cache.get("b"));
        cache.remove("b", "2");
        assertNull(cache.get("b"));
        assertEquals(0, cache.size());
    }

    @Test
    void never_answers_an_entry_past_its_deadline() {
        ClockCache<String, String> cache = cache(10);
        cache.put("a", "1", 100);

        now.addAndGet(99);
        assertEquals("1", cache.get("a"));
        now.addAndGet(1);
        assertNull(cache.get("a"));
        assertEquals(0, cache.size(), "an expired entry met by a read leaves");
    }

    @Test
    void measures_a_deadline_across_the_wrap_of_the_clock() {
        now.set(Long.MAX_VALUE - 5); // System.nanoTime may read anything, so a deadline may wrap to negative
        ClockCache<String, String> cache = cache(10);
        cache.put("a", "1", 10);

        assertEquals("1", cache.get("a"), "a deadline past the wrap is not one in the past");
        now.addAndGet(9);
        assertEquals("1", cache.get("a"));
        now.addAndGet(1);
        assertNull(cache.get("a"));
    }

    @Test
    void holds_no_more_than_its_bound_when_put_returns() {
        ClockCache<String, String> cache = cache(3_000);
        for (int i = 0; i < 10_000; i++) {
            cache.put("k" + i, "v" + i, FOREVER);
            assertTrue(cache.size() <= 3_000, "size " + cache.size() + " after put " + i);
        }
        assertEquals(3_000, cache.size());
        assertEquals(7_000, cache.evictions());
    }

    @Test
    void lets_an_entry_outlive_as_many_passes_of_the_hand_as_it_was_read_since_the_last() {
        ClockCache<String, String> cache = cache(4);
        for (String key : List.of("a", "b", "c", "d")) {
            cache.put(key, key, FOREVER);
        }
        cache.get("a");
        cache.get("c");
        cache.get("c");

        cache.put("e", "e", FOREVER); // the hand passes a (1 -> 0), evicts b
        cache.put("f", "f", FOREVER); // passes c (2 -> 1), evicts d
        cache.put("g", "g", FOREVER); // evicts a, which was read once
        cache.put("h", "h", FOREVER); // passes e (new, 0): evicts it

        assertNull(cache.get("a"));
        assertNull(cache.get("b"));
        assertEquals("c", cache.get("c"));
        assertNull(cache.get("d"));
        assertNull(cache.get("e"));
        assertEquals(4, cache.evictions());
    }

    @Test
    void keeps_an_entry_read_often_while_entries_read_once_stream_through() {
        ClockCache<String, String> cache = cache(100);
        cache.put("busy", "b", FOREVER);
        for (int i = 0; i < ClockCache.MOST_READS; i++) {
            cache.get("busy");
        }
        // Read once per pass of the hand (a pass is about 100 puts here): it must never leave.
        for (int i = 0; i < 10_000; i++) {
            cache.put("once" + i, "o", FOREVER);
            if (i % 50 == 0) {
                assertEquals("b", cache.get("busy"), "evicted after " + i + " entries read once");
            }
        }
        assertEquals(100, cache.size());
    }

    @Test
    void a_put_passes_a_bounded_number_of_entries_and_evicts_the_least_read_of_them() {
        ClockCache<String, String> cache = cache(100_000);
        for (int i = 0; i < 100_000; i++) {
            cache.put("k" + i, "v", FOREVER);
        }
        for (int i = 0; i < 100_000; i++) {
            int reads = i == 7 ? 2 : ClockCache.MOST_READS; // every entry read to the cap but one, near the hand
            for (int r = 0; r < reads; r++) {
                cache.get("k" + i);
            }
        }

        cache.put("new", "n", FOREVER);

        // Plain CLOCK would count every entry down until k7 reached zero: two passes, 200,008 steps under the lock.
        assertTrue(cache.handSteps() <= ClockCache.MOST_STEPS, "the hand passed " + cache.handSteps() + " entries");
        assertNull(cache.get("k7"), "the least read entry of those passed leaves");
        assertEquals(1, cache.evictions());
        for (int i = 0; i < 100_000; i++) {
            if (i != 7) {
                assertNotNull(cache.get("k" + i), "k" + i);
            }
        }
        assertEquals("n", cache.get("new"));
    }

    @Test
    void reuses_the_place_of_a_removed_or_expired_entry_before_evicting_a_live_one() {
        ClockCache<String, String> cache = cache(3);
        cache.put("short", "s", 10);
        cache.put("removed", "r", FOREVER);
        cache.put("kept", "k", FOREVER);
        cache.remove("removed");
        now.addAndGet(10);

        cache.put("x", "x", FOREVER);
        cache.put("y", "y", FOREVER);

        assertEquals("k", cache.get("kept"));
        assertEquals(0, cache.evictions(), "room was made without evicting anything alive");
        assertEquals(3, cache.size());
    }

    @Test
    void removes_by_value_and_clears() {
        ClockCache<String, String> cache = cache(100);
        for (int i = 0; i < 50; i++) {
            cache.put("k" + i, i % 2 == 0 ? "even" : "odd", FOREVER);
        }
        cache.removeIf("even"::equals);
        assertEquals(25, cache.size());
        assertNull(cache.get("k0"));
        assertEquals("odd", cache.get("k1"));

        cache.clear();
        assertEquals(0, cache.size());
        assertNull(cache.get("k1"));
        for (int i = 0; i < 150; i++) {
            cache.put("n" + i, "v", FOREVER);
        }
        assertEquals(100, cache.size(), "the bound holds after a clear");
    }

    @Test
    void refuses_a_bound_below_one_and_ignores_what_would_be_expired_at_once() {
        assertThrows(IllegalArgumentException.class, () -> cache(0));
        ClockCache<String, String> cache = cache(1);
        cache.put("a", "1", 0);
        assertNull(cache.get("a"));
    }

    /**
     * Many threads putting, reading, removing and clearing at once: every answer is the value put under that key,
     * and the bound holds throughout.
     */
    @Test
    void keeps_its_bound_and_its_answers_under_parallel_puts_reads_and_removals() throws Exception {
        int bound = 500;
        ClockCache<Integer, String> cache = new ClockCache<>(bound, System::nanoTime);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wrongAnswers = new AtomicInteger();
        AtomicInteger overBound = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 200_000; i++) {
                        int key = random.nextInt(2_000);
                        int action = random.nextInt(100);
                        if (action < 40) {
                            cache.put(key, "v" + key, FOREVER);
                        } else if (action < 97) {
                            String value = cache.get(key);
                            if (value != null && !value.equals("v" + key)) {
                                wrongAnswers.incrementAndGet();
                            }
                        } else if (action < 99) {
                            cache.remove(key);
                        } else if (thread == 0 && i % 10_000 == 0) {
                            cache.clear();
                        }
                        if (cache.size() > bound) {
                            overBound.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, wrongAnswers.get());
        assertEquals(0, overBound.get(), "times the size was seen above the bound");
        assertTrue(cache.size() <= bound);
    }
}
