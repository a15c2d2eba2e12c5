package dev.gatehouse.adapter.out.persistence;

/**
 * How the token check's user cache has served since it started, for metrics: reads answered from memory
 * ({@code hits}), reads that went to the database while the cache was serving ({@code misses}), users evicted to
 * stay within the bound, and how many users it holds now.
 */
public record UserCacheStats(long hits, long misses, long evictions, int size) {

    /** The share of reads answered from memory, 0 before any read. */
    public double hitRate() {
        long reads = hits + misses;
        return reads == 0 ? 0 : (double) hits / reads;
    }
}
