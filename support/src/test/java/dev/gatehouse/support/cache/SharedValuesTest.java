package dev.gatehouse.support.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SharedValuesTest {

    private static List<String> words(String text) {
        return List.of(text.split(" "));
    }

    @Test
    void the_same_key_gives_the_same_instance() {
        SharedValues<String, List<String>> shared = new SharedValues<>(10);

        List<String> first = shared.of(new String("me items"), SharedValuesTest::words);

        assertSame(first, shared.of(new String("me items"), SharedValuesTest::words));
        assertEquals(List.of("me", "items"), first);
        assertNotSame(first, shared.of("items", SharedValuesTest::words));
    }

    @Test
    void past_its_bound_it_makes_values_afresh_and_keeps_none() {
        SharedValues<String, List<String>> shared = new SharedValues<>(2);
        shared.of("a", SharedValuesTest::words);
        shared.of("b", SharedValuesTest::words);

        List<String> third = shared.of("c", SharedValuesTest::words);

        assertEquals(List.of("c"), third);
        assertNotSame(third, shared.of("c", SharedValuesTest::words));
        assertEquals(2, shared.size());
        assertSame(shared.of("a", SharedValuesTest::words), shared.of("a", SharedValuesTest::words), "the kept ones stay shared");
    }

    @Test
    void a_value_that_cannot_be_made_is_not_held() {
        SharedValues<String, List<String>> shared = new SharedValues<>(2);

        assertThrows(IllegalArgumentException.class, () -> shared.of("bad", key -> {
            throw new IllegalArgumentException("not a scope list");
        }));

        assertEquals(0, shared.size());
        assertEquals(List.of("bad"), shared.of("bad", SharedValuesTest::words));
    }

    @Test
    void refuses_a_bound_below_one() {
        assertThrows(IllegalArgumentException.class, () -> new SharedValues<String, String>(0));
    }

    @Test
    void threads_racing_with_new_keys_never_hold_more_than_the_bound() throws Exception {
        int threads = 16;
        for (int round = 0; round < 200; round++) {
            SharedValues<String, List<String>> shared = new SharedValues<>(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> racers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int i = 0; i < threads; i++) {
                    String key = "scope" + i;
                    racers.add(pool.submit(() -> {
                        go.await();
                        return shared.of(key, SharedValuesTest::words);
                    }));
                }
                go.countDown();
                for (Future<?> racer : racers) {
                    racer.get();
                }
            }
            assertTrue(shared.size() <= 4, "round " + round + " holds " + shared.size());
        }
    }

    @Test
    void threads_asking_for_one_key_at_once_all_get_one_instance() throws Exception {
        SharedValues<String, List<String>> shared = new SharedValues<>(10);
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return shared.of("me items", text -> new ArrayList<>(words(text)));
                }));
            }
            go.countDown();
            Set<List<String>> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<List<String>> answer : answers) {
                distinct.add(answer.get());
            }
            assertEquals(1, distinct.size());
        }
    }
}
