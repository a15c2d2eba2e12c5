package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A login flood against the real argon2id at OWASP parameters, through the bound production would use on a
 * small machine: what gets through, what is turned away, and what it costs in memory. Prints its figures.
 */
class BoundedArgon2FloodTest {

    private static final int CALLERS = 200;
    private static final int MAX_CONCURRENT = 2;
    private static final int MAX_WAITING = 8;
    private static final long MIB = 1024 * 1024;
    // Each running hash holds m KiB of native memory; nothing else in the flood grows with the number of callers
    // beyond a few KiB per virtual thread. The assertion leaves room for the JVM's own heap and arena noise.
    private static final long ARGON2_BOUND_BYTES = MAX_CONCURRENT * Argon2Parameters.OWASP.memoryKiB() * 1024L;
    private static final long ALLOWED_GROWTH_BYTES = 256 * MIB;

    private final Argon2PasswordHasher argon2 = new Argon2PasswordHasher(Argon2Parameters.OWASP);
    private final PlainPassword password = new PlainPassword("correct horse battery staple");

    @Test
    void a_flood_of_logins_is_mostly_refused_at_once_and_memory_stays_bounded() throws Exception {
        PasswordHash hash = argon2.hash(password);
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(argon2, MAX_CONCURRENT, MAX_WAITING, Duration.ofSeconds(20));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger wrongAnswers = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);

        long rssBefore = rssBytes();
        long startNanos;
        long peakRss;
        try (RssSampler sampler = new RssSampler(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS; i++) {
                threads.submit(() -> {
                    start.await();
                    try {
                        (bounded.verify(password, hash) ? accepted : wrongAnswers).incrementAndGet();
                    } catch (HashingOverloadedException overloaded) {
                        refused.incrementAndGet();
                    } catch (Throwable other) {
                        unexpected.add(other);
                    }
                    return null;
                });
            }
            startNanos = System.nanoTime();
            start.countDown();
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "the flood did not drain");
            peakRss = sampler.peak();
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        long rssAfter = rssBytes();

        System.out.printf("flood: %d callers, maxConcurrent=%d, maxWaiting=%d: %d accepted, %d refused in %d ms;"
                        + " RSS before %d MiB, peak %d MiB, after %d MiB (growth %+d MiB at peak);"
                        + " argon2 memory bound %d x %d KiB = %d MiB%n",
                CALLERS, MAX_CONCURRENT, MAX_WAITING, accepted.get(), refused.get(), elapsedMillis,
                rssBefore / MIB, peakRss / MIB, rssAfter / MIB, (peakRss - rssBefore) / MIB,
                MAX_CONCURRENT, Argon2Parameters.OWASP.memoryKiB(), ARGON2_BOUND_BYTES / MIB);
        assertTrue(unexpected.isEmpty(), "unexpected failures: " + unexpected);
        assertEquals(0, wrongAnswers.get(), "an accepted call answered false");
        assertEquals(CALLERS, accepted.get() + refused.get());
        assertTrue(accepted.get() >= MAX_CONCURRENT, "accepted " + accepted.get());
        assertTrue(refused.get() > CALLERS / 2, "refused only " + refused.get());
        assertTrue(peakRss - rssBefore < ALLOWED_GROWTH_BYTES, "RSS grew by " + (peakRss - rssBefore) / MIB + " MiB");
        assertTrue(rssAfter - rssBefore < ALLOWED_GROWTH_BYTES, "RSS grew by " + (rssAfter - rssBefore) / MIB + " MiB");
    }

    @Test
    void one_owasp_hash_takes_tens_of_milliseconds_here() {
        int runs = 21;
        argon2.hash(password);
        List<Long> hashMicros = new ArrayList<>();
        List<Long> verifyMicros = new ArrayList<>();
        PasswordHash hash = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            hash = argon2.hash(password);
            hashMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            start = System.nanoTime();
            assertTrue(argon2.verify(password, hash));
            verifyMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        }

        long medianHash = median(hashMicros);
        long medianVerify = median(verifyMicros);
        System.out.printf("argon2id m=%d KiB, t=%d, p=%d: median of %d: hash %.1f ms, verify %.1f ms%n",
                Argon2Parameters.OWASP.memoryKiB(), Argon2Parameters.OWASP.iterations(), Argon2Parameters.OWASP.parallelism(),
                runs, medianHash / 1000.0, medianVerify / 1000.0);
        // Only a sanity bound: far slower means the native library or the parameters are not what we think.
        assertTrue(medianHash < 2_000_000, "median hash " + medianHash + " µs");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** This process's resident set size, from {@code /proc/self/status}. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples the RSS every millisecond or so on a platform thread, to catch the peak of the flood. */
    private static final class RssSampler implements AutoCloseable {

        private final AtomicLong peak = new AtomicLong(rssBytes());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);

        long peak() {
            return peak.accumulateAndGet(rssBytes(), Math::max);
        }

        private void sample() {
            while (running.get()) {
                peak.accumulateAndGet(rssBytes(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
