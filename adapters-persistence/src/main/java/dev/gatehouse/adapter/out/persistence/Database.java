package dev.gatehouse.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.Username;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * One open database: a HikariCP pool, migrated by Flyway, with Hibernate on top. Flyway owns the schema
 * and Hibernate only validates its mapping against it, so a missing migration fails at start, not at the
 * first query. Both share the one pool. Close it to release the connections.
 */
public final class Database implements AutoCloseable {

    private static final String COMMON_MIGRATIONS = "db/migration/common";
    private static final String VENDOR_MIGRATIONS = "db/migration/";
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;
    private static final int MINIMUM_IDLE = 2;
    /** Connection failures in a row that open the circuit breaker (a failed probe opens it at once). */
    private static final int FAILURES_TO_OPEN = 3;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final GuardedDataSource pool;
    private final CircuitBreaker breaker;
    private final DatabaseWatch watch;
    private final EntityManagerFactory entityManagerFactory;
    private final String vendor;
    private final UserRepository users;
    private final UserRepository cachedUsers;
    /** Empty when the user cache is off. */
    private final Optional<CachingUserRepository> userCache;
    private final AutoCloseable userChangeListener;
    private final JpaLoginThrottle loginThrottle;
    private final JpaAuditLog auditLog;
    private final JpaRefreshTokens refreshTokens;
    private final JpaRevokedAccessTokens revokedAccessTokens;
    private final JpaAuthorizationCodes authorizationCodes;
    private final JpaBrowserSessionRegistry browserSessionRegistry;
    private final JpaPasswordResets passwordResets;
    private final JpaMailOutbox mailOutbox;
    private final JpaEmailVerifications emailVerifications;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(GuardedDataSource pool, CircuitBreaker breaker, EntityManagerFactory entityManagerFactory,
                     String vendor, DatabaseSettings settings, UserCacheSettings cacheSettings) {
        this.pool = pool;
        this.breaker = breaker;
        this.entityManagerFactory = entityManagerFactory;
        this.vendor = vendor;
        UserRepository jpaUsers = new JpaUserRepository(entityManagerFactory);
        if (!cacheSettings.enabled()) {
            this.users = jpaUsers;
            this.cachedUsers = jpaUsers;
            this.userCache = Optional.empty();
            this.userChangeListener = () -> { };
        } else {
            CachingUserRepository cache = new CachingUserRepository(jpaUsers, cacheSettings);
            // Writes through either repository reach this process's cache at once, not only by announcement.
            this.users = new CacheForgettingUserRepository(jpaUsers, cache);
            this.cachedUsers = cache;
            this.userCache = Optional.of(cache);
            if (vendor.equals("postgresql")) {
                this.userChangeListener = PostgresUserChangeListener.start(settings, cache);
            } else if (belongsToThisProcess(settings)) {
                // Every change to an in-process H2 database goes through this cache, so it needs no announcements.
                cache.resume();
                this.userChangeListener = cache::suspend;
            } else {
                // A shared H2 (server or auto-server mode) announces nothing: the cache stays suspended.
                this.userChangeListener = cache::suspend;
            }
        }
        this.loginThrottle = new JpaLoginThrottle(entityManagerFactory);
        this.auditLog = new JpaAuditLog(entityManagerFactory);
        this.refreshTokens = new JpaRefreshTokens(entityManagerFactory);
        this.authorizationCodes = new JpaAuthorizationCodes(entityManagerFactory);
        this.browserSessionRegistry = new JpaBrowserSessionRegistry(entityManagerFactory, Clock.systemUTC());
        // A link's use changes its account in the links' own transaction: this process's cache must forget it at once.
        Consumer<Username> changedAccount = userCache.isPresent() ? userCache.get()::forget : account -> { };
        this.passwordResets = new JpaPasswordResets(entityManagerFactory, changedAccount);
        this.mailOutbox = new JpaMailOutbox(entityManagerFactory);
        this.emailVerifications = new JpaEmailVerifications(entityManagerFactory, Clock.systemUTC(), changedAccount);
        this.revokedAccessTokens = new JpaRevokedAccessTokens(entityManagerFactory, Clock.systemUTC(),
                JpaRevokedAccessTokens.DEFAULT_REFRESH_INTERVAL, cacheSettings.staleReads());
        // Last: a thread of its own, started only once nothing else here can fail.
        this.watch = new DatabaseWatch(breaker, pool, new DriverProbe(settings, PROBE_TIMEOUT),
                () -> new HikariDataSource(poolConfig(settings))).start();
    }

    /**
     * Connects, migrates the schema to the latest version and validates the mapping. On any failure it
     * releases what it had opened and throws an {@link IllegalStateException} naming the URL (password
     * masked) and the cause. The token check's user cache has its default settings.
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, UserCacheSettings.DEFAULT);
    }

    /** As {@link #open(DatabaseSettings)}, with the given settings for the token check's user cache. */
    public static Database open(DatabaseSettings settings, UserCacheSettings cacheSettings) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(cacheSettings, "cacheSettings");
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(settings));
            String vendor = vendorOf(pool);
            CircuitBreaker breaker = new CircuitBreaker(FAILURES_TO_OPEN);
            GuardedDataSource guarded = new GuardedDataSource(pool, breaker);
            // Hibernate's boot (a third of a start's CPU) needs the connection's metadata but not the schema, so it
            // runs while Flyway migrates; the mapping is validated against the migrated schema once both are done.
            CompletableFuture<EntityManagerFactory> boot = CompletableFuture.supplyAsync(() -> hibernate(guarded),
                    task -> Thread.ofPlatform().name("gatehouse-hibernate-boot").daemon().start(task));
            try {
                migrate(pool, vendor);
            } catch (RuntimeException migrationFailed) {
                // Nothing of the boot may outlive the pool closed below: wait for it, and close what it built.
                boot.handle((factory, bootFailed) -> {
                    if (factory != null) {
                        factory.close();
                    }
                    return null;
                }).join();
                throw migrationFailed;
            }
            EntityManagerFactory entityManagerFactory = booted(boot);
            try {
                entityManagerFactory.getSchemaManager().validate();
            } catch (SchemaValidationException | RuntimeException invalid) {
                entityManagerFactory.close();
                throw new IllegalStateException("the schema does not match the mapping: " + invalid.getMessage(), invalid);
            }
            return new Database(guarded, breaker, entityManagerFactory, vendor, settings, cacheSettings);
        } catch (RuntimeException | SQLException e) {
            IllegalStateException failure = new IllegalStateException(
                    "cannot open the database at " + settings.redactedJdbcUrl() + ": " + settings.redactSecrets(describe(e)), e);
            if (pool != null) {
                try {
                    pool.close();
                } catch (RuntimeException closeFailure) {
                    failure.addSuppressed(closeFailure);
                }
            }
            throw failure;
        }
    }

    /** The users stored in this database; the same repository on every call. */
    public UserRepository users() {
        return users;
    }

    /**
     * The same users, with {@code findByUsername} answered from memory and kept fresh across instances (on
     * PostgreSQL by LISTEN/NOTIFY): for the check behind every protected request. Log-in must not use it,
     * because its timing would then tell cached (existing) users from unknown ones.
     */
    public UserRepository cachedUsers() {
        return cachedUsers;
    }

    /** The failed-login counts in this database, shared with every instance on it; the same one on every call. */
    public JpaLoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /**
     * The signing keys stored in this database, private keys encrypted and decrypted with {@code encryption}; a new
     * repository (no cache) on every call.
     */
    public JpaSigningKeyRepository signingKeys(SigningKeyEncryption encryption) {
        return new JpaSigningKeyRepository(entityManagerFactory, encryption);
    }

    /**
     * The users' second factors stored in this database, TOTP secrets encrypted with {@code encryption} (built by
     * {@link SigningKeyEncryption#forTwoFactorSecrets}); a new adapter on every call.
     */
    public JpaTwoFactorCredentials twoFactorCredentials(SigningKeyEncryption encryption) {
        return new JpaTwoFactorCredentials(entityManagerFactory, encryption);
    }

    /** The logins waiting for their second factor; a new adapter on every call (it holds no state). */
    public JpaMfaChallenges mfaChallenges() {
        return new JpaMfaChallenges(entityManagerFactory);
    }

    /** The audit trail in this database; the same one on every call. */
    public JpaAuditLog auditLog() {
        return auditLog;
    }

    /** The sessions and their refresh tokens in this database, shared with every instance on it; the same one on every call. */
    public RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    /**
     * The access tokens revoked before their expiry, answered from memory and refreshed from this database at most
     * a second apart; the same one on every call.
     */
    public JpaRevokedAccessTokens revokedAccessTokens() {
        return revokedAccessTokens;
    }

    /** The client assertions already used, shared with every instance on this database. */
    public JpaAssertionReplays assertionReplays() {
        return new JpaAssertionReplays(entityManagerFactory);
    }

    /** Another view of the revoked access tokens, as another instance has it, re-reading after {@code refreshInterval}. */
    public JpaRevokedAccessTokens revokedAccessTokens(Duration refreshInterval) {
        return new JpaRevokedAccessTokens(entityManagerFactory, Clock.systemUTC(), refreshInterval);
    }

    /** The clients registered as data, shared with every instance on this database; a new repository (no cache) on every call. */
    public JpaClientRepository clientRepository() {
        return new JpaClientRepository(entityManagerFactory);
    }

    /** The consents people gave to third-party clients, shared with every instance on this database. */
    public JpaConsents consents() {
        return new JpaConsents(entityManagerFactory);
    }

    /** The authorization codes waiting for their one redemption. */
    public AuthorizationCodes authorizationCodes() {
        return authorizationCodes;
    }

    /** Ended browser sessions and the refresh-token sessions started from them, shared by every instance. */
    public dev.gatehouse.application.port.out.BrowserSessionRegistry browserSessionRegistry() {
        return browserSessionRegistry;
    }

    /** Password-reset links; each is stored with its mail in {@link #mailOutbox()}'s table, in one transaction. */
    public JpaPasswordResets passwordResets() {
        return passwordResets;
    }

    /** The mails still to send. */
    public JpaMailOutbox mailOutbox() {
        return mailOutbox;
    }

    /**
     * Email-verification links; each is stored with its mail in {@link #mailOutbox()}'s table, and a new account with
     * its first link, in one transaction.
     */
    public JpaEmailVerifications emailVerifications() {
        return emailVerifications;
    }

    /** {@code "postgresql"} or {@code "h2"}, as the connection reports it. */
    public String vendor() {
        return vendor;
    }

    /** The pooled connections, for tests and health checks. */
    public DataSource dataSource() {
        return pool;
    }

    /** How the token check's user cache has served so far, for metrics; empty when the cache is off. */
    public Optional<UserCacheStats> userCacheStats() {
        return userCache.map(CachingUserRepository::stats);
    }

    /** The pool's current usage, for metrics. */
    public PoolUsage poolUsage() {
        HikariDataSource current = currentPool();
        HikariPoolMXBean pool = current.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolUsage(0, 0, 0, 0, current.getMaximumPoolSize());
        }
        return new PoolUsage(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(),
                pool.getThreadsAwaitingConnection(), current.getMaximumPoolSize());
    }

    /**
     * False while the circuit breaker in front of the pool is open: the database was found unreachable, calls
     * fail at once with {@code StoreUnavailableException}, and a probe every quarter second looks for its return.
     */
    public boolean isAvailable() {
        return breaker.allowsCalls();
    }

    /**
     * Whether the database answers within {@code timeout}, for a readiness check: borrows a connection and
     * validates it, never waiting longer than the timeout however long the pool's own timeout is.
     */
    public boolean isReachable(Duration timeout) {
        if (closed.get() || !breaker.allowsCalls()) {
            return false;
        }
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = pool.getConnection()) {
                return connection.isValid((int) Math.max(1, timeout.toSeconds()));
            } catch (SQLException | RuntimeException unreachable) {
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

    /** Closes Hibernate, then the pool. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            userChangeListener.close();
        } catch (Exception listenerFailure) {
            // Closing a listener only stops a thread; nothing to recover.
        } finally {
            try {
                watch.close();
                entityManagerFactory.close();
            } finally {
                currentPool().close();
            }
        }
    }

    private HikariDataSource currentPool() {
        return (HikariDataSource) pool.pool();
    }

    private static boolean belongsToThisProcess(DatabaseSettings settings) {
        String url = settings.jdbcUrl().toUpperCase(Locale.ROOT);
        return (url.startsWith("JDBC:H2:FILE:") || url.startsWith("JDBC:H2:MEM:")) && !url.contains("AUTO_SERVER=TRUE");
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        // A small idle floor: the pool grows to maximumPoolSize under load and shrinks back when idle, so
        // many open databases (tests, a small install) do not pin maximumPoolSize connections each.
        config.setMinimumIdle(Math.min(MINIMUM_IDLE, settings.maximumPoolSize()));
        // Fail fast when the database is down instead of queueing requests behind Hikari's 30 s default.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        return config;
    }

    private static String vendorOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String normalized = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (normalized.contains("postgresql")) {
                return "postgresql";
            }
            if (normalized.equals("h2")) {
                return "h2";
            }
            throw new IllegalStateException("unsupported database product '" + product + "' (PostgreSQL or H2 only)");
        }
    }

    private static void migrate(DataSource dataSource, String vendor) {
        List<String> locations = new ArrayList<>();
        locations.add("classpath:" + COMMON_MIGRATIONS);
        // Flyway's {vendor} placeholder is a Spring Boot feature; plain Flyway needs the folder spelled out.
        // Only an existing folder is added, so Flyway does not warn about a missing one on every start.
        String vendorFolder = VENDOR_MIGRATIONS + vendor;
        if (Database.class.getClassLoader().getResource(vendorFolder) != null) {
            locations.add("classpath:" + vendorFolder);
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private static EntityManagerFactory hibernate(DataSource dataSource) {
        return new HibernatePersistenceConfiguration("gatehouse")
                .managedClass(UserJpaEntity.class)
                .managedClass(LoginThrottleJpaEntity.class)
                .managedClass(AuditEventJpaEntity.class)
                .managedClass(RefreshSessionJpaEntity.class)
                .managedClass(RefreshTokenJpaEntity.class)
                .managedClass(SigningKeyJpaEntity.class)
                .managedClass(RevokedAccessTokenJpaEntity.class)
                .managedClass(AuthorizationCodeJpaEntity.class)
                .managedClass(PasswordResetJpaEntity.class)
                .managedClass(MailOutboxJpaEntity.class)
                .managedClass(EmailVerificationJpaEntity.class)
                .managedClass(TwoFactorCredentialJpaEntity.class)
                .managedClass(RecoveryCodeJpaEntity.class)
                .managedClass(MfaChallengeJpaEntity.class)
                .managedClass(ClientJpaEntity.class)
                // The DataSource object itself, so Hibernate borrows from the same pool as Flyway.
                .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                // Validated by open() once Flyway has migrated, not while booting (which runs beside the migration).
                .property(SchemaToolingSettings.HBM2DDL_AUTO, "none")
                .showSql(false, false, false)
                .createEntityManagerFactory();
    }

    /** The booted factory, once the boot has finished; a boot that failed is thrown as its cause. */
    private static EntityManagerFactory booted(CompletableFuture<EntityManagerFactory> boot) {
        try {
            return boot.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? message : message + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
