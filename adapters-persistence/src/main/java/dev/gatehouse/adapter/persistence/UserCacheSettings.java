package dev.gatehouse.adapter.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How the token check's user cache behaves. Entries are dropped the moment a change is announced; the
 * time to live only bounds how long an entry can outlive a change whose announcement was lost. A zero
 * time to live turns the cache off.
 */
public record UserCacheSettings(Duration timeToLive, int maximumEntries) {

    // Declared first: the constants below are checked against it as they are built.
    static final Duration MAX_TIME_TO_LIVE = Duration.ofMinutes(10);
    public static final UserCacheSettings DEFAULT = new UserCacheSettings(Duration.ofSeconds(30), 10_000);
    public static final UserCacheSettings OFF = new UserCacheSettings(Duration.ZERO, 1);

    public UserCacheSettings {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
            throw new IllegalArgumentException("the user cache time to live must be between 0 and "
                    + MAX_TIME_TO_LIVE.toMinutes() + " minutes, got " + timeToLive);
        }
        if (maximumEntries < 1 || maximumEntries > 1_000_000) {
            throw new IllegalArgumentException("the user cache must hold between 1 and 1,000,000 users, got " + maximumEntries);
        }
    }

    public boolean enabled() {
        return !timeToLive.isZero();
    }
}
