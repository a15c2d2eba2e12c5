package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.FailedAttempts;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** A {@link LoginThrottle} for one process, held honest by {@link LoginThrottleContract}. */
public final class InMemoryLoginThrottle implements LoginThrottle {

    private final ConcurrentMap<ThrottleKey, FailedAttempts> attempts = new ConcurrentHashMap<>();

    @Override
    public FailedAttempts attemptsOf(ThrottleKey key) {
        return attempts.getOrDefault(key, FailedAttempts.NONE);
    }

    @Override
    public FailedAttempts change(ThrottleKey key, UnaryOperator<FailedAttempts> change) {
        return attempts.compute(key, (ignored, before) -> change.apply(before == null ? FailedAttempts.NONE : before));
    }

    @Override
    public void clear(ThrottleKey key) {
        attempts.remove(key);
    }

    @Override
    public int forgetQuietSince(Instant cutoff) {
        int before = attempts.size();
        attempts.values().removeIf(record -> record.lastFailureAt().isBefore(cutoff) && !record.blocksAt(cutoff));
        return before - attempts.size();
    }
}
