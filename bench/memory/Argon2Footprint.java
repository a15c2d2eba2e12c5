/*
 * What argon2id's native memory costs the process after the hashes are done, and what a hash costs (wall and CPU), on THREADS
 * platform threads (as the server's carrier threads run them) hashing ROUNDS times each at the default cost
 * (m=19456 KiB, t=2, p=1). Prints the RSS after the hashes (glibc keeps freed blocks in its arenas unless told
 * otherwise: compare MALLOC_ARENA_MAX / MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_) and the mean time of a
 * hash, which rises if each hash must fault its memory in afresh. Run by bench/memory/run.sh argon2.
 */
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

public class Argon2Footprint {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        argon2.hash(2, 19456, 1, "warm-up".toCharArray());
        long before = rssKib();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        AtomicLong nanos = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    argon2.hash(2, 19456, 1, ("password-" + r).toCharArray());
                    nanos.addAndGet(System.nanoTime() - start);
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double cpuPerHashMs = (os.getProcessCpuTime() - cpuBefore) / 1e6 / (threads * rounds);
        Thread.sleep(200);
        System.out.printf("threads=%d rounds=%d rss_before_kib=%d rss_after_kib=%d mean_hash_ms=%.1f cpu_per_hash_ms=%.1f%n",
                threads, rounds, before, rssKib(), nanos.get() / 1e6 / (threads * rounds), cpuPerHashMs);
    }

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
