package dev.gatehouse.adapter.out.observability;

/**
 * How the token check's user cache has served so far, for the {@code gatehouse_user_cache_*} gauges: reads
 * answered from memory, reads that went to the database while it was serving, users evicted to stay within its
 * bound, and how many users it holds now.
 */
public record UserCacheUsage(long hits, long misses, long evictions, long size) {

    public UserCacheUsage {
        if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
            throw new IllegalArgumentException("user cache figures cannot be negative");
        }
    }

    /** The share of reads answered from memory; 0 before any read. */
    public double hitRatio() {
        long reads = hits + misses;
        return reads == 0 ? 0 : (double) hits / reads;
    }
}
