package dev.gatehouse.adapter.out.redis;

import dev.gatehouse.adapter.out.redis.RedisCommands.Script;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RevokedAccessTokens} on Redis, answered from memory: every protected request asks, so a lookup must not cost
 * a round trip. Redis holds, in one Lua script per change, a sorted set of every entry ({@code jti:<token id>} or
 * {@code sid:<session id>}) by the moment until which it refuses, and a log of the same entries by a sequence number
 * Redis hands out. A revocation here is in memory at once; one on another instance arrives with the next read of the
 * log past the last number seen, at most {@code refreshInterval} apart (one request reads while the others answer
 * from memory). No clocks are compared and no commit can arrive late: a number is taken and logged in one step.
 *
 * <p>Entries leave by themselves: each revocation also drops the entries past their moment by more than
 * {@code keepPastExpiry} (the clock skew that could still accept their tokens), so the sets hold only what still
 * refuses something, housekeeping or not.
 *
 * <p>While Redis cannot be reached, the answer comes from memory for at most {@code staleReads} after the last
 * successful read (every revocation known by then, and every one made here, still counts); past that,
 * {@link StoreUnavailableException}: the bearer check fails closed with a 503 rather than accept a token another
 * instance may have revoked. A revocation Redis cannot store is refused here at once and answered with the same 503.
 */
public final class RedisRevokedAccessTokens implements RevokedAccessTokens {

    /** How stale another instance's revocations may be here. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final String TOKEN = "jti:";
    private static final String SESSION = "sid:";
    private static final int BATCH = 1_000;

    /** KEYS: until-set, log, sequence. ARGV: entry, until (ms), drop-before (ms). Answers the entry's number, 0 if known. */
    private static final Script REVOKE = Script.of("""
            local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3], 'LIMIT', 0, 100)
            if #expired > 0 then
              redis.call('ZREM', KEYS[1], unpack(expired))
              redis.call('ZREM', KEYS[2], unpack(expired))
            end
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
            local number = redis.call('INCR', KEYS[3])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZADD', KEYS[2], number, ARGV[1])
            return number
            """);
    /**
     * KEYS: until-set, log, sequence. ARGV: last number seen, batch size. Answers the sequence's current value, then
     * (entry, number, until) for each entry logged after the last number seen.
     */
    private static final Script READ_SINCE = Script.of("""
            local out = {redis.call('GET', KEYS[3]) or '0'}
            local logged = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, ARGV[2])
            for i = 1, #logged, 2 do
              out[#out + 1] = logged[i]
              out[#out + 1] = logged[i + 1]
              out[#out + 1] = redis.call('ZSCORE', KEYS[1], logged[i]) or ''
            end
            return out
            """);
    /** KEYS: until-set, log. ARGV: cutoff (ms), batch size. Deletes up to a batch of entries refusing only before it. */
    private static final Script FORGET = Script.of("""
            local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])
            if #gone > 0 then
              redis.call('ZREM', KEYS[1], unpack(gone))
              redis.call('ZREM', KEYS[2], unpack(gone))
            end
            return #gone
            """);

    private final RedisCommands redis;
    private final List<String> keys;
    private final Clock clock;
    private final Duration keepPastExpiry;
    private final Duration refreshInterval;
    private final Duration staleReads;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<SessionId, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile long lastNumber;
    private volatile Instant lastLook = Instant.EPOCH;
    private volatile boolean unreachable;

    RedisRevokedAccessTokens(RedisCommands redis, String keyPrefix, Clock clock, Duration keepPastExpiry,
                             Duration refreshInterval, Duration staleReads) {
        this.redis = Objects.requireNonNull(redis, "redis");
        String prefix = Objects.requireNonNull(keyPrefix, "keyPrefix") + "revoked:";
        this.keys = List.of(prefix + "until", prefix + "log", prefix + "sequence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keepPastExpiry = Objects.requireNonNull(keepPastExpiry, "keepPastExpiry");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.staleReads = Objects.requireNonNull(staleReads, "staleReads");
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        revoked.putIfAbsent(tokenId, expiresAt);
        store(TOKEN + tokenId, expiresAt);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        refreshIfStale();
        return revoked.containsKey(tokenId);
    }

    @Override
    public void revokeSession(SessionId session, Instant until) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(until, "until");
        revokedSessions.putIfAbsent(session, until);
        store(SESSION + session.value(), until);
    }

    @Override
    public boolean isSessionRevoked(SessionId session) {
        refreshIfStale();
        return revokedSessions.containsKey(session);
    }

    /** Deletes the entries refusing only until before {@code cutoff} (to the millisecond, keeping any in doubt). */
    @Override
    public int forgetExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        String before = Long.toString(cutoff.toEpochMilli());
        int forgotten = 0;
        long batch;
        do {
            batch = (Long) redis.eval(FORGET, keys.subList(0, 2), List.of(before, Integer.toString(BATCH)));
            forgotten += (int) batch;
        } while (batch == BATCH);
        return forgotten;
    }

    private void store(String entry, Instant until) {
        Instant dropBefore = clock.instant().minus(keepPastExpiry);
        redis.eval(REVOKE, keys, List.of(entry, Long.toString(ceilingMillis(until)), Long.toString(dropBefore.toEpochMilli())));
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        if (now.isBefore(lastLook.plus(refreshInterval))) {
            return;
        }
        if (!refreshing.tryLock()) {
            // Another request is reading; answer from memory, unless Redis is known down for too long.
            if (unreachable && tooStale(now)) {
                throw new StoreUnavailableException("revoked access tokens last read from Redis at " + lastLook, null);
            }
            return;
        }
        try {
            readSinceLastNumber();
            Instant forgetBefore = now.minus(keepPastExpiry);
            revoked.values().removeIf(until -> until.isBefore(forgetBefore));
            revokedSessions.values().removeIf(until -> until.isBefore(forgetBefore));
            lastLook = now;
            unreachable = false;
        } catch (StoreUnavailableException down) {
            unreachable = true;
            if (tooStale(now)) {
                throw down;
            }
        } finally {
            refreshing.unlock();
        }
    }

    private void readSinceLastNumber() {
        int read;
        do {
            List<?> answer = (List<?>) redis.eval(READ_SINCE, keys, List.of(Long.toString(lastNumber), Integer.toString(BATCH)));
            long sequence = Long.parseLong((String) answer.get(0));
            if (sequence < lastNumber) {
                // The numbers started again (the data was flushed): read everything there is.
                lastNumber = 0;
                read = BATCH;
                continue;
            }
            read = (answer.size() - 1) / 3;
            for (int i = 1; i + 2 < answer.size(); i += 3) {
                remember((String) answer.get(i), (String) answer.get(i + 2));
                lastNumber = Math.max(lastNumber, (long) Double.parseDouble((String) answer.get(i + 1)));
            }
        } while (read == BATCH);
    }

    private void remember(String entry, String untilMillis) {
        if (untilMillis.isEmpty()) {
            return; // forgotten between the two reads of the script: it refuses nothing any more
        }
        Instant until = Instant.ofEpochMilli((long) Double.parseDouble(untilMillis));
        if (entry.startsWith(SESSION)) {
            SessionId.parse(entry.substring(SESSION.length())).ifPresent(session -> revokedSessions.putIfAbsent(session, until));
        } else if (entry.startsWith(TOKEN)) {
            revoked.putIfAbsent(entry.substring(TOKEN.length()), until);
        }
    }

    private boolean tooStale(Instant now) {
        return now.isAfter(lastLook.plus(staleReads));
    }

    private static long ceilingMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
