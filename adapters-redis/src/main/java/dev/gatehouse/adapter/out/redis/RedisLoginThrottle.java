package dev.gatehouse.adapter.out.redis;

import dev.gatehouse.adapter.out.redis.RedisCommands.Script;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.FailedAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@link LoginThrottle} on Redis, shared by every Gatehouse instance on the server: one string per key,
 * {@code count firstFailure lastFailure blockedUntil}, which Redis deletes by itself once the key's failures no longer
 * count (the policies' memory after the last write, or the end of a block if later), so no housekeeping is needed.
 *
 * <p>A change is a compare-and-set in one Lua script: it writes only if the key still holds what the change was
 * computed from, and otherwise answers what it holds now, from which the change is computed again. So of many
 * instances changing a key at once each applies its change to the result of the one before (none is lost), and of
 * many that check-and-charge a free key exactly one finds it free: the count comes before the check passes.
 */
public final class RedisLoginThrottle implements LoginThrottle {

    /** Compare-and-set: KEYS[1] the key; ARGV expected ('' for absent), next ('' to delete), time to live in ms. */
    private static final Script COMPARE_AND_SET = Script.of("""
            local current = redis.call('GET', KEYS[1])
            if current == false then current = '' end
            if current ~= ARGV[1] then return {0, current} end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return {1, ARGV[2]}
            """);
    /** Deletes KEYS[1] if it still holds ARGV[1]; answers how many were deleted. */
    private static final Script COMPARE_AND_DELETE = Script.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);
    /** Each lost race means another writer's change went in; the bound only guarantees an end. */
    private static final int MAX_ATTEMPTS = 10_000;

    private final RedisCommands redis;
    private final String prefix;
    private final Duration memory;
    private final Clock clock;

    RedisLoginThrottle(RedisCommands redis, String keyPrefix, Duration memory, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix") + "throttle:";
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (memory.isNegative() || memory.isZero()) {
            throw new IllegalArgumentException("memory must be longer than zero");
        }
    }

    @Override
    public FailedAttempts attemptsOf(ThrottleKey key) {
        Objects.requireNonNull(key, "key");
        return parse(redis.run(client -> client.get(keyOf(key))));
    }

    /** {@inheritDoc} {@code change} runs again for every race lost to another writer, so it must only compute. */
    @Override
    public FailedAttempts change(ThrottleKey key, UnaryOperator<FailedAttempts> change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        String redisKey = keyOf(key);
        String stored = Objects.requireNonNullElse(redis.run(client -> client.get(redisKey)), "");
        for (int attempt = 1; ; attempt++) {
            FailedAttempts before = parse(stored);
            FailedAttempts after = Objects.requireNonNull(change.apply(before), "change must not answer null");
            if (after.equals(before)) {
                return before; // a refused attempt: nothing to write
            }
            String next = after.equals(FailedAttempts.NONE) ? "" : format(after);
            List<?> answer = (List<?>) redis.eval(COMPARE_AND_SET, List.of(redisKey),
                    List.of(stored, next, Long.toString(timeToLiveMillis(after))));
            if (((Long) answer.get(0)) == 1L) {
                return after;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("throttle key " + key.value() + " changed under " + MAX_ATTEMPTS + " attempts in a row");
            }
            stored = (String) answer.get(1);
            if (attempt % 8 == 0) {
                // Many writers on one key: step aside a moment so the one ahead finishes its round trip.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000));
            }
        }
    }

    @Override
    public void clear(ThrottleKey key) {
        Objects.requireNonNull(key, "key");
        redis.run(client -> client.del(keyOf(key)));
    }

    /**
     * {@inheritDoc} Redis forgets such keys by itself (their time to live); this finds any left by a longer memory
     * before, each deleted only if unchanged since it was read.
     */
    @Override
    public int forgetQuietSince(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        ScanParams match = new ScanParams().match(prefix + "*").count(500);
        int forgotten = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<String> page = redis.run(client -> client.scan(at, match));
            for (String redisKey : page.getResult()) {
                String stored = redis.run(client -> client.get(redisKey));
                if (stored == null) {
                    continue;
                }
                FailedAttempts attempts = parse(stored);
                if (attempts.lastFailureAt().isBefore(cutoff) && !attempts.blocksAt(cutoff)) {
                    forgotten += ((Long) redis.eval(COMPARE_AND_DELETE, List.of(redisKey), List.of(stored))).intValue();
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return forgotten;
    }

    /** The policies' memory from now, or until the block ends if that is later. */
    private long timeToLiveMillis(FailedAttempts attempts) {
        Duration untilUnblocked = Duration.between(clock.instant(), attempts.blockedUntil());
        Duration ttl = untilUnblocked.compareTo(memory) > 0 ? untilUnblocked : memory;
        return Math.max(1, ttl.toMillis() + 1);
    }

    private String keyOf(ThrottleKey key) {
        return prefix + key.value();
    }

    static String format(FailedAttempts attempts) {
        return attempts.count() + " " + attempts.firstFailureAt() + " " + attempts.lastFailureAt() + " " + attempts.blockedUntil();
    }

    static FailedAttempts parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return FailedAttempts.NONE;
        }
        String[] fields = stored.split(" ");
        if (fields.length != 4) {
            throw new IllegalStateException("a throttle entry has four fields, found: " + stored);
        }
        return new FailedAttempts(Integer.parseInt(fields[0]), Instant.parse(fields[1]), Instant.parse(fields[2]),
                Instant.parse(fields[3]));
    }
}
