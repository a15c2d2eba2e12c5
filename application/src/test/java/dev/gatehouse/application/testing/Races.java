package dev.gatehouse.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/** Many threads let go at once on the same thing, the way the contracts attack a conditional write. */
public final class Races {

    private Races() {
    }

    /**
     * Runs {@code attempt} (given its index) on {@code parallel} threads released together; how many answered true.
     * An attempt's failure fails the race.
     */
    public static int winners(int parallel, IntPredicate attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return attempt.test(index);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
