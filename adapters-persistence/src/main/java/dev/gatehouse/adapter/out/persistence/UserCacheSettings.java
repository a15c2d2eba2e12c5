package dev.gatehouse.adapter.out.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How the token check's user cache behaves. Entries are dropped the moment a change is announced; the
 * time to live only bounds how long an entry can outlive a change whose announcement was lost. A zero
 * time to live turns the cache off. While the database cannot be reached, the token check answers from what it
 * last read for at most {@code staleReads} after reading it (zero: not at all, {@code 503} at once).
 */
public record UserCacheSettings(Duration timeToLive, int maximumEntries, Duration staleReads) {

    // Declared first: the constants below are checked against it as they are built.
    static final Duration MAX_TIME_TO_LIVE = Duration.ofMinutes(10);
    /** The longest a token check may answer from memory while the database is down. */
    public static final Duration MAX_STALE_READS = Duration.ofMinutes(10);
    public static final Duration DEFAULT_STALE_READS = Duration.ofSeconds(60);
    /**
     * Five minutes: every write to a user announces itself (a trigger on PostgreSQL; this process's own writes on an
     * embedded database), a listener that cannot be sure it hears suspends the cache and empties it on return, so
     * the time to live is a backstop only. It is also a price: each active user is read again once per time to live,
     * and at 30 s, 100,000 active users cost PostgreSQL 3,300 reads a second and halved the token check's rate
     * (bench/README.md, "At scale").
     */
    public static final UserCacheSettings DEFAULT = new UserCacheSettings(Duration.ofMinutes(5), 100_000);
    public static final UserCacheSettings OFF = new UserCacheSettings(Duration.ZERO, 1, Duration.ZERO);

    public UserCacheSettings {
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(staleReads, "staleReads");
        if (timeToLive.isNegative() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
            throw new IllegalArgumentException("the user cache time to live must be between 0 and "
                    + MAX_TIME_TO_LIVE.toMinutes() + " minutes, got " + timeToLive);
        }
        if (maximumEntries < 1 || maximumEntries > 1_000_000) {
            throw new IllegalArgumentException("the user cache must hold between 1 and 1,000,000 users, got " + maximumEntries);
        }
        if (staleReads.isNegative() || staleReads.compareTo(MAX_STALE_READS) > 0) {
            throw new IllegalArgumentException("stale reads must be allowed for between 0 and "
                    + MAX_STALE_READS.toMinutes() + " minutes, got " + staleReads);
        }
    }

    /** With the default bound on stale reads. */
    public UserCacheSettings(Duration timeToLive, int maximumEntries) {
        this(timeToLive, maximumEntries, DEFAULT_STALE_READS);
    }

    public boolean enabled() {
        return !timeToLive.isZero();
    }
}
