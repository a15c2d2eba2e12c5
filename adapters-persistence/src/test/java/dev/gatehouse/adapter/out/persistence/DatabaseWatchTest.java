package dev.gatehouse.adapter.out.persistence;

import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.CLOSED;
import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.HALF_OPEN;
import static dev.gatehouse.adapter.out.persistence.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The breaker, the guarded pool and the watch together, with a pool and a probe the test controls and the watch's
 * ticks called by hand (no scheduler, no sleeping): what fails fast, when the database is probed, how it recovers.
 */
class DatabaseWatchTest {

    private final CircuitBreaker breaker = new CircuitBreaker(3);
    private final FakePool pool = new FakePool();
    private final GuardedDataSource guarded = new GuardedDataSource(pool, breaker);
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<FakePool> freshPools = new ArrayList<>();
    private final DatabaseWatch watch = new DatabaseWatch(breaker, guarded, () -> {
        probes.incrementAndGet();
        return databaseUp.get();
    }, () -> {
        FakePool fresh = new FakePool();
        freshPools.add(fresh);
        return fresh;
    });

    @Test
    void a_healthy_database_is_never_probed() throws SQLException {
        for (int i = 0; i < 5; i++) {
            guarded.getConnection().close();
            watch.tick();
        }

        assertEquals(0, probes.get());
        assertEquals(CLOSED, breaker.state());
    }

    @Test
    void an_open_breaker_refuses_a_connection_at_once_without_asking_the_pool() {
        breaker.probeFailed();
        long started = System.nanoTime();

        SQLTransientConnectionException refused = assertThrows(SQLTransientConnectionException.class, guarded::getConnection);

        assertTrue(System.nanoTime() - started < Duration.ofMillis(50).toNanos());
        assertEquals("08001", refused.getSQLState());
        assertEquals(0, pool.borrows.get());
    }

    @Test
    void the_adapters_report_a_refused_connection_as_the_store_being_unavailable() {
        RuntimeException wrapped = new RuntimeException(new SQLTransientConnectionException("circuit open", "08001"));

        assertTrue(JpaTransactions.unavailableOr(wrapped) instanceof dev.gatehouse.application.port.out.StoreUnavailableException);
    }

    @Test
    void borrows_stuck_for_a_whole_tick_make_it_probe_and_a_failed_probe_opens_the_breaker() throws Exception {
        pool.stuck = new CountDownLatch(1);
        CompletableFuture<Void> borrow = CompletableFuture.runAsync(() -> {
            try {
                guarded.getConnection().close();
            } catch (SQLException ignored) {
                // Failed when released: the point is that it waited.
            }
        });
        pool.awaitBorrowers(1);
        databaseUp.set(false);

        watch.tick();
        assertEquals(0, probes.get(), "one look sees a borrow waiting, not yet a borrow stuck");
        watch.tick();

        assertEquals(1, probes.get());
        assertEquals(OPEN, breaker.state(), "open long before the stuck borrow times out");
        pool.stuck.countDown();
        borrow.join();
    }

    @Test
    void a_saturated_pool_on_a_live_database_is_probed_but_not_opened() throws Exception {
        pool.stuck = new CountDownLatch(1);
        CompletableFuture<Void> borrow = CompletableFuture.runAsync(() -> {
            try {
                guarded.getConnection().close();
            } catch (SQLException ignored) {
                // Released below.
            }
        });
        pool.awaitBorrowers(1);

        watch.tick();
        watch.tick();

        assertEquals(1, probes.get());
        assertEquals(CLOSED, breaker.state());
        pool.stuck.countDown();
        borrow.join();
    }

    @Test
    void a_failed_borrow_makes_it_probe_at_the_next_tick() {
        pool.down = true;
        databaseUp.set(false);
        assertThrows(SQLException.class, guarded::getConnection);
        assertEquals(CLOSED, breaker.state(), "one failure alone does not open it");

        watch.tick();

        assertEquals(OPEN, breaker.state());
    }

    @Test
    void while_open_it_probes_every_tick_and_recovers_on_a_fresh_pool_once_a_probe_connects() throws SQLException {
        pool.down = true;
        breaker.probeFailed();
        databaseUp.set(false);
        watch.tick();
        watch.tick();
        assertEquals(2, probes.get());
        assertEquals(OPEN, breaker.state());

        databaseUp.set(true);
        watch.tick();

        assertEquals(HALF_OPEN, breaker.state());
        assertEquals(1, freshPools.size());
        assertSame(freshPools.getFirst(), guarded.pool(), "the old pool may be asleep in its reconnect back-off");
        guarded.getConnection().close();
        assertEquals(CLOSED, breaker.state());
    }

    @Test
    void a_borrow_failing_on_the_retired_pool_does_not_open_the_breaker_again() throws Exception {
        pool.stuck = new CountDownLatch(1);
        pool.down = true;
        CompletableFuture<Void> straggler = CompletableFuture.runAsync(() -> {
            try {
                guarded.getConnection().close();
            } catch (SQLException expected) {
                // The old pool gives up on it.
            }
        });
        pool.awaitBorrowers(1);
        breaker.probeFailed();
        watch.tick();
        assertEquals(HALF_OPEN, breaker.state());

        pool.stuck.countDown();
        straggler.join();

        assertEquals(HALF_OPEN, breaker.state());
    }

    /** A pool whose borrows succeed, fail, or wait on a latch, as the test says. */
    private static final class FakePool implements DataSource {
        final AtomicInteger borrows = new AtomicInteger();
        volatile boolean down;
        volatile CountDownLatch stuck;

        @Override
        public Connection getConnection() throws SQLException {
            borrows.incrementAndGet();
            CountDownLatch latch = stuck;
            if (latch != null) {
                try {
                    latch.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                throw new SQLTransientConnectionException("gatehouse - Connection is not available, request timed out");
            }
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> method.getReturnType() == boolean.class ? Boolean.TRUE : null);
        }

        void awaitBorrowers(int count) throws InterruptedException {
            while (borrows.get() < count) {
                Thread.sleep(1);
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
