package dev.gatehouse.adapter.out.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Looks after a {@link CircuitBreaker} in the background, one {@link #tick()} every {@link #EVERY}: while calls
 * look stuck or fail, or while the breaker is open, it makes one cheap connection attempt (a {@link Probe}). A
 * failed probe opens the breaker; a probe that connects while it is open puts a fresh pool in place (the old one
 * may be sleeping through seconds of reconnect back-off) and half-opens it, so service returns within a tick or
 * two of the database. A healthy database costs a tick nothing but two counter reads.
 */
final class DatabaseWatch implements AutoCloseable {

    /** How often the watch looks, and so how often an unreachable database is probed. */
    static final Duration EVERY = Duration.ofMillis(250);
    /** A retired pool is closed once the borrows it had queued have timed out. */
    private static final Duration RETIREMENT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(DatabaseWatch.class.getName());

    /** One connection attempt that gives up within a bounded time; true if it connected. */
    @FunctionalInterface
    interface Probe {
        boolean connects();
    }

    private final CircuitBreaker breaker;
    private final GuardedDataSource guarded;
    private final Probe probe;
    private final Supplier<DataSource> freshPool;
    private final Queue<AutoCloseable> retiring = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task ->
            Thread.ofPlatform().daemon().name("gatehouse-database-watch").unstarted(task));

    DatabaseWatch(CircuitBreaker breaker, GuardedDataSource guarded, Probe probe, Supplier<DataSource> freshPool) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.guarded = Objects.requireNonNull(guarded, "guarded");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.freshPool = Objects.requireNonNull(freshPool, "freshPool");
    }

    /** Ticks every {@link #EVERY} until closed. */
    DatabaseWatch start() {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException | Error unexpected) {
                LOG.log(Level.WARNING, "the database watch failed a tick; trying again at the next", unexpected);
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look: probes when there is reason to, and moves the breaker on what the probe found. */
    void tick() {
        CircuitBreaker.State state = breaker.state();
        boolean suspicious = guarded.suspicious();
        if (state != CircuitBreaker.State.OPEN && !suspicious) {
            return;
        }
        if (!probe.connects()) {
            if (state != CircuitBreaker.State.OPEN) {
                LOG.warning("the database cannot be reached: failing calls at once and probing every "
                        + EVERY.toMillis() + " ms until it is back");
            }
            breaker.probeFailed();
            return;
        }
        if (state == CircuitBreaker.State.OPEN) {
            DataSource fresh;
            try {
                fresh = freshPool.get();
            } catch (RuntimeException notYet) {
                // Connected once, not twice: still starting up, perhaps. The next tick tries again.
                return;
            }
            retire(guarded.replacePool(fresh));
            breaker.probeConnected();
            LOG.info("the database answers again: serving from a fresh connection pool");
        }
    }

    private void retire(DataSource pool) {
        if (pool instanceof AutoCloseable closeable) {
            retiring.add(closeable);
            scheduler.schedule(() -> {
                if (retiring.remove(closeable)) {
                    closeQuietly(closeable);
                }
            }, RETIREMENT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // A pool closed after an outage had no working connections to lose.
        }
    }

    /** Stops looking; pools still waiting for retirement are closed now. The current pool is the owner's to close. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable pool = retiring.poll(); pool != null; pool = retiring.poll()) {
            closeQuietly(pool);
        }
    }
}
