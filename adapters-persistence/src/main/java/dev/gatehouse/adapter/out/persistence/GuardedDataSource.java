package dev.gatehouse.adapter.out.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool behind a {@link CircuitBreaker}: while the breaker is open a connection is refused at once (a
 * {@link SQLTransientConnectionException}, which the adapters turn into the port's
 * {@code StoreUnavailableException}) instead of after the pool's timeout. Every borrow tells the breaker how it
 * went, and {@link #suspicious()} tells the {@link DatabaseWatch} when borrowing looks stuck, so that it probes the
 * database long before the first borrow times out. The pool itself can be replaced after an outage.
 */
final class GuardedDataSource implements DataSource {

    /** SQLSTATE "unable to establish connection". */
    private static final String CANNOT_CONNECT = "08001";

    private final CircuitBreaker breaker;
    private volatile DataSource pool;
    private final AtomicLong borrowsStarted = new AtomicLong();
    private final AtomicLong borrowsFinished = new AtomicLong();
    private final AtomicBoolean failedSinceLastLook = new AtomicBoolean();
    // Read and written by the watch's one thread only.
    private long finishedAtLastLook = -1;

    GuardedDataSource(DataSource pool, CircuitBreaker breaker) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!breaker.allowsCalls()) {
            throw new SQLTransientConnectionException(
                    "the database is unreachable (circuit breaker open; probing in the background)", CANNOT_CONNECT);
        }
        DataSource borrowingFrom = pool;
        borrowsStarted.incrementAndGet();
        try {
            Connection connection = borrowingFrom.getConnection();
            if (borrowingFrom == pool) {
                breaker.callSucceeded();
            }
            return connection;
        } catch (SQLException | RuntimeException failure) {
            // A pool retired after an outage may still fail the borrows it had queued: they say nothing of now.
            if (borrowingFrom == pool) {
                failedSinceLastLook.set(true);
                breaker.callFailed();
            }
            throw failure;
        } finally {
            borrowsFinished.incrementAndGet();
        }
    }

    /**
     * Whether, since the last look, a borrow failed, or borrows were waiting and not one of them finished: the
     * database may have gone away. For the watch's thread only.
     */
    boolean suspicious() {
        long finished = borrowsFinished.get();
        boolean waiting = borrowsStarted.get() > finished;
        boolean stuck = waiting && finished == finishedAtLastLook;
        finishedAtLastLook = finished;
        return failedSinceLastLook.getAndSet(false) | stuck;
    }

    /** The pool borrowed from now. */
    DataSource pool() {
        return pool;
    }

    /** Borrows from {@code fresh} from now on; returns the pool it replaced, for the caller to close. */
    DataSource replacePool(DataSource fresh) {
        DataSource retired = pool;
        pool = Objects.requireNonNull(fresh, "fresh");
        return retired;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
