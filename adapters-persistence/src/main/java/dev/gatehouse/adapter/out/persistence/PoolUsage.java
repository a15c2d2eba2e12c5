package dev.gatehouse.adapter.out.persistence;

/** A snapshot of the connection pool: connections in use, idle, open in all, and callers waiting for one. */
public record PoolUsage(int active, int idle, int total, int waiting, int maximum) {
}
