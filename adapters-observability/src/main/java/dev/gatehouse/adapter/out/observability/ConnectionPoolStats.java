package dev.gatehouse.adapter.out.observability;

/**
 * A moment's use of the database connection pool, for the {@code gatehouse_db_pool_*} gauges: connections in
 * use, idle and open, threads waiting for one, and the most the pool may open.
 */
public record ConnectionPoolStats(int active, int idle, int total, int waiting, int maximum) {

    public ConnectionPoolStats {
        if (active < 0 || idle < 0 || total < 0 || waiting < 0 || maximum < 0) {
            throw new IllegalArgumentException("pool figures cannot be negative");
        }
    }
}
