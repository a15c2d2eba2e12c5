package dev.gatehouse.adapter.out.redis;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One Redis server, reached through a small pool of connections, and the adapters built on it. Open fails when the
 * server does not answer, as opening the database does; close it to release the connections.
 */
public final class RedisStore implements AutoCloseable {

    /** The prefix of every key Gatehouse writes, so a shared Redis database shows whose keys they are. */
    public static final String KEY_PREFIX = "gatehouse:";
    /** Connections per instance: every call is one short round trip, so a few serve many requests. */
    public static final int MAX_CONNECTIONS = 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /** How long a request waits for a free connection before it is answered 503. */
    private static final Duration POOL_WAIT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisCommands commands;
    private final String keyPrefix;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisStore(RedisClient client, String redactedUrl, String keyPrefix) {
        this.client = client;
        this.commands = new RedisCommands(client, redactedUrl);
        this.keyPrefix = keyPrefix;
    }

    /** Connects to the server of {@code settings} and checks it answers; an {@link IllegalStateException} if not. */
    public static RedisStore open(RedisSettings settings) {
        return open(settings, KEY_PREFIX);
    }

    /** As {@link #open(RedisSettings)}, every key starting with {@code keyPrefix}. */
    public static RedisStore open(RedisSettings settings, String keyPrefix) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        URI url = settings.url();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) SOCKET_TIMEOUT.toMillis())
                .database(JedisURIHelper.hasDbIndex(url) ? JedisURIHelper.getDBIndex(url) : 0)
                .ssl(JedisURIHelper.isRedisSSLScheme(url))
                .clientName("gatehouse");
        String user = JedisURIHelper.getUser(url);
        String password = JedisURIHelper.getPassword(url);
        if (password != null) {
            config.user(user).password(password);
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(POOL_WAIT);
        RedisClient client = RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        RedisStore store = new RedisStore(client, settings.redactedUrl(), keyPrefix);
        try {
            store.commands.run(redis -> redis.ping());
            return store;
        } catch (RuntimeException unreachable) {
            store.close();
            throw new IllegalStateException("cannot reach Redis at " + settings.redactedUrl() + ": " + unreachable.getMessage(), unreachable);
        }
    }

    /**
     * The failed-login counts on this server, shared with every instance on it; each key is forgotten by Redis itself
     * {@code memory} after its last change (the longest memory of the login protection), or when its block ends.
     */
    public RedisLoginThrottle loginThrottle(Duration memory, Clock clock) {
        return new RedisLoginThrottle(commands, keyPrefix, memory, clock);
    }

    /**
     * The revoked access tokens, answered from memory and read from this server at most {@code refreshInterval} apart;
     * entries are dropped {@code keepPastExpiry} after the moment they refuse until; while the server is unreachable,
     * answers from memory for {@code staleReads}, then {@code StoreUnavailableException}.
     */
    public RedisRevokedAccessTokens revokedAccessTokens(Clock clock, Duration keepPastExpiry, Duration refreshInterval,
                                                        Duration staleReads) {
        return new RedisRevokedAccessTokens(commands, keyPrefix, clock, keepPastExpiry, refreshInterval, staleReads);
    }

    /** Whether the server answers a PING within {@code timeout}, for a readiness check. */
    public boolean isReachable(Duration timeout) {
        if (closed.get()) {
            return false;
        }
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try {
                return "PONG".equals(client.ping());
            } catch (RuntimeException unreachable) {
                return false;
            }
        }, Thread::startVirtualThread);
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException slowOrFailed) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the connections. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}
