package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.PasswordHasher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gatehouse's meters of driven ports, in one Gatehouse's meter registry, which {@code GET /metrics} shows in the
 * Prometheus text format. The decorators count what passes through a driven port and then delegate, so the core
 * stays free of metrics. The HTTP adapter keeps its own request meters in the same registry.
 */
public final class GatehouseMeters {

    static final String LOGINS = "gatehouse.logins";
    static final String REGISTRATIONS = "gatehouse.registrations";
    static final String REGISTRATIONS_TAKEN = "gatehouse.registrations.taken";
    static final String PASSWORD_REHASHES = "gatehouse.password.rehashes";
    static final String FLOOD_REJECTIONS = "gatehouse.flood.rejections";
    static final String SESSION_EVENTS = "gatehouse.sessions";
    static final String PASSWORD_CHANGES = "gatehouse.password.changes";
    static final String EMAIL_VERIFICATIONS = "gatehouse.email.verifications";
    static final String CLIENT_REFUSALS = "gatehouse.clients.refused";
    static final String CLIENT_TOKENS = "gatehouse.clients.tokens";
    static final String ADMINISTRATION = "gatehouse.administration";
    static final String HASH_DURATION = "gatehouse.password.hash.duration";
    static final String HASH_REJECTIONS = "gatehouse.password.hash.rejections";
    static final String TOKENS_ISSUED = "gatehouse.tokens.issued";
    static final String TOKEN_VERIFICATIONS = "gatehouse.tokens.verifications";
    static final String POOL_ACTIVE = "gatehouse.db.pool.connections.active";
    static final String POOL_IDLE = "gatehouse.db.pool.connections.idle";
    static final String POOL_TOTAL = "gatehouse.db.pool.connections.total";
    static final String POOL_MAXIMUM = "gatehouse.db.pool.connections.max";
    static final String POOL_WAITING = "gatehouse.db.pool.threads.waiting";
    static final String USER_CACHE_HITS = "gatehouse.user.cache.hits";
    static final String USER_CACHE_MISSES = "gatehouse.user.cache.misses";
    static final String USER_CACHE_EVICTIONS = "gatehouse.user.cache.evictions";
    static final String USER_CACHE_SIZE = "gatehouse.user.cache.size";
    static final String USER_CACHE_HIT_RATIO = "gatehouse.user.cache.hit.ratio";

    /** argon2id at OWASP's cost takes 30–50 ms here; stronger settings take hundreds. */
    private static final Duration[] HASH_BUCKETS = durations(10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    private final MeterRegistry registry;
    private final AtomicReference<Supplier<ConnectionPoolStats>> poolStats = new AtomicReference<>();
    private final AtomicReference<Supplier<UserCacheUsage>> userCacheUsage = new AtomicReference<>();

    /** Meters in {@code registry}: one per Gatehouse, so two in one JVM (tests, a blue/green switch) count apart. */
    public GatehouseMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * A registry of one Gatehouse's own, rendered in the Prometheus text format. Not Helidon's or Micrometer's
     * global registry: those are one per JVM, so two Gatehouses there would count into each other.
     */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Counts each audit event by type ({@code gatehouse_logins_total{outcome}},
     * {@code gatehouse_registrations_total}, {@code gatehouse_password_rehashes_total},
     * {@code gatehouse_flood_rejections_total}, {@code gatehouse_sessions_total{event}},
     * {@code gatehouse_password_changes_total{outcome}}), then hands it to {@code delegate}.
     */
    public AuditLog countingOutcomes(AuditLog delegate) {
        return new CountingAuditLog(Objects.requireNonNull(delegate, "delegate"), this);
    }

    /**
     * Times {@code hash} and {@code verify} ({@code gatehouse_password_hash_duration_seconds{operation}}, a
     * histogram) and counts the calls refused for lack of capacity
     * ({@code gatehouse_password_hash_rejections_total{operation}}); the refusal is rethrown. The other methods
     * pass through untimed.
     */
    public PasswordHasher timed(PasswordHasher delegate) {
        return new TimedPasswordHasher(Objects.requireNonNull(delegate, "delegate"), this);
    }

    /**
     * Counts issued tokens ({@code gatehouse_tokens_issued_total}) and verifications by result
     * ({@code gatehouse_tokens_verifications_total{result="valid|invalid"}}).
     */
    public AccessTokens counted(AccessTokens delegate) {
        return new CountedAccessTokens(Objects.requireNonNull(delegate, "delegate"), this);
    }

    /**
     * Publishes the pool's figures as gauges ({@code gatehouse_db_pool_connections_active}, {@code _idle},
     * {@code _total}, {@code _max} and {@code gatehouse_db_pool_threads_waiting}), read from {@code stats} on
     * every scrape. A later call replaces the supplier; a supplier that fails reads as NaN.
     */
    public void registerPoolGauges(Supplier<ConnectionPoolStats> stats) {
        if (replacesSource(poolStats, stats)) {
            return;
        }
        gauge(POOL_ACTIVE, "Connections in use", poolStats, ConnectionPoolStats::active);
        gauge(POOL_IDLE, "Open connections not in use", poolStats, ConnectionPoolStats::idle);
        gauge(POOL_TOTAL, "Open connections", poolStats, ConnectionPoolStats::total);
        gauge(POOL_MAXIMUM, "The most connections the pool may open", poolStats, ConnectionPoolStats::maximum);
        gauge(POOL_WAITING, "Threads waiting for a connection", poolStats, ConnectionPoolStats::waiting);
    }

    /**
     * Registers the user cache's gauges ({@code gatehouse_user_cache_hits}, {@code _misses}, {@code _evictions},
     * {@code _size} and {@code _hit_ratio}), read from {@code usage} on every scrape, so operators see how often the
     * token check is answered from memory. A later call replaces the supplier; a supplier that fails reads as NaN.
     */
    public void registerUserCacheGauges(Supplier<UserCacheUsage> usage) {
        if (replacesSource(userCacheUsage, usage)) {
            return;
        }
        gauge(USER_CACHE_HITS, "Token checks answered from the user cache", userCacheUsage, UserCacheUsage::hits);
        gauge(USER_CACHE_MISSES, "Token checks that read the user from the database while the cache served", userCacheUsage,
                UserCacheUsage::misses);
        gauge(USER_CACHE_EVICTIONS, "Users evicted to keep the cache within its bound", userCacheUsage, UserCacheUsage::evictions);
        gauge(USER_CACHE_SIZE, "Users in the cache", userCacheUsage, UserCacheUsage::size);
        gauge(USER_CACHE_HIT_RATIO, "Share of token checks answered from the user cache", userCacheUsage, UserCacheUsage::hitRatio);
    }

    /** Makes {@code latest} the source; true when gauges already read from it, so a later call only replaces it. */
    private static <T> boolean replacesSource(AtomicReference<Supplier<T>> source, Supplier<T> latest) {
        return source.getAndSet(Objects.requireNonNull(latest, "source")) != null;
    }

    /** The registry these meters live in, which {@code GET /metrics} renders. */
    public MeterRegistry registry() {
        return registry;
    }

    Counter counter(String name, String description, Tag... tags) {
        return Counter.builder(name).description(description).tags(List.of(tags)).register(registry);
    }

    /** A histogram with fixed buckets (Prometheus can aggregate those across instances), no client-side percentiles. */
    Timer hashTimer(String operation) {
        return Timer.builder(HASH_DURATION)
                .description("Time spent hashing or verifying a password")
                .tags(List.of(Tag.of("operation", operation)))
                .serviceLevelObjectives(HASH_BUCKETS)
                .register(registry);
    }

    /** A gauge read on every scrape from the source's latest supplier; NaN while that supplier fails. */
    private <T> void gauge(String name, String description, AtomicReference<Supplier<T>> source, ToDoubleFunction<T> figure) {
        Supplier<Double> read = () -> {
            try {
                return figure.applyAsDouble(source.get().get());
            } catch (RuntimeException unavailable) {
                return Double.NaN;
            }
        };
        Gauge.builder(name, read).description(description).register(registry);
    }

    private static Duration[] durations(long... millis) {
        return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

}
