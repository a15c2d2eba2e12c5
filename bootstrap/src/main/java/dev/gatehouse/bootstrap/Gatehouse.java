package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.persistence.Argon2PasswordHasher;
import dev.gatehouse.adapter.persistence.BoundedPasswordHasher;
import dev.gatehouse.adapter.persistence.CommonPasswordsPolicy;
import dev.gatehouse.adapter.persistence.Database;
import dev.gatehouse.adapter.persistence.JsonLinesAuditLog;
import dev.gatehouse.adapter.persistence.PoolUsage;
import dev.gatehouse.adapter.web.ConnectionPoolStats;
import dev.gatehouse.adapter.web.GatehouseMeters;
import dev.gatehouse.adapter.web.GatehouseWeb;
import dev.gatehouse.adapter.web.HmacKnownDevices;
import dev.gatehouse.adapter.web.JwtAccessTokens;
import dev.gatehouse.adapter.web.JwtSettings;
import dev.gatehouse.adapter.web.Operations;
import dev.gatehouse.adapter.web.ReadinessCheck;
import dev.gatehouse.adapter.web.WebSettings;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A running Gatehouse: its database, its adapters and its HTTP server. Closing it stops all three. */
public final class Gatehouse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gatehouse.class.getName());

    /** How often stale throttle rows are deleted. */
    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(10);

    private final Database database;
    private final DrivenPorts ports;
    private final WebServer server;
    private final ScheduledExecutorService housekeeping;

    private Gatehouse(Database database, DrivenPorts ports, WebServer server, ScheduledExecutorService housekeeping) {
        this.database = database;
        this.ports = ports;
        this.server = server;
        this.housekeeping = housekeeping;
    }

    /** Opens (and migrates) the database, wires the adapters and starts serving. */
    public static Gatehouse start(GatehouseSettings settings, Clock clock) {
        Database database = Database.open(settings.database(), settings.userCache());
        try {
            DrivenPorts ports = drivenPorts(settings, database, clock);
            if (settings.demo()) {
                DemoUsers.seed(ports.users(), ports.passwordHasher(), clock);
                LOG.info("Demo mode: users johndoe/secret (active) and alice/secret2 (disabled) are available");
            }
            WebServer server = serve(settings, ports, database);
            return new Gatehouse(database, ports, server, housekeeping(database, settings, clock));
        } catch (RuntimeException startFailed) {
            database.close();
            throw startFailed;
        }
    }

    private static DrivenPorts drivenPorts(GatehouseSettings settings, Database database, Clock clock) {
        byte[] secret = settings.jwtSecret().orElseGet(Gatehouse::throwAwayDemoSecret);
        JwtSettings jwt = new JwtSettings(settings.jwtIssuer(), settings.jwtAudience(), secret,
                settings.tokenLifetime(), settings.jwtClockSkew());
        HashingCapacity capacity = settings.hashing();
        PasswordHasher hasher = new BoundedPasswordHasher(GatehouseMeters.timed(new Argon2PasswordHasher(settings.argon2())),
                capacity.maxConcurrent(), capacity.maxWaiting(), capacity.maxWait());
        return new DrivenPorts(
                database.users(),
                database.cachedUsers(),
                hasher,
                new CommonPasswordsPolicy(settings.passwordMinimumLength()),
                GatehouseMeters.counted(new JwtAccessTokens(jwt, clock)),
                database.refreshTokens(),
                database.loginThrottle(),
                new HmacKnownDevices(secret, settings.web().knownDeviceLifetime(), clock),
                GatehouseMeters.countingOutcomes(new AuditLogs(database.auditLog(), JsonLinesAuditLog.toLogger())),
                clock);
    }

    /**
     * Serves the ports over HTTP with the operations endpoints (readiness asks the database), within
     * Gatehouse's request limits. Helidon's own shutdown hook is off: ours stops the server (letting requests
     * in flight finish within the grace period) before it closes the pool they need.
     */
    private static WebServer serve(GatehouseSettings settings, DrivenPorts ports, Database database) {
        GatehouseMeters.registerPoolGauges(() -> {
            PoolUsage pool = database.poolUsage();
            return new ConnectionPoolStats(pool.active(), pool.idle(), pool.total(), pool.waiting(), pool.maximum());
        });
        ReadinessCheck databaseCheck = new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isReady(Duration timeout) {
                return database.isReachable(timeout);
            }
        };
        return serve(settings.host(), settings.port(), ports, settings.loginProtection(), settings.refreshPolicy(), settings.web(),
                new Operations(List.of(databaseCheck), settings.readinessTimeout()), settings.shutdownGrace());
    }

    /** Serves the given ports over HTTP; port 0 picks a free port. */
    static WebServer serve(String host, int port, DrivenPorts ports, LoginProtection protection, RefreshPolicy refreshPolicy,
                           WebSettings web,
                           Operations operations, Duration shutdownGrace) {
        var server = WebServer.builder().host(host).port(port).shutdownHook(false).shutdownGracePeriod(shutdownGrace);
        GatehouseWeb.configure(server, UseCaseWiring.wire(ports, protection, refreshPolicy), web, operations);
        return server.build().start();
    }

    /**
     * Deletes what no longer counts, every ten minutes, so the tables do not grow for ever: throttle rows older
     * than the longest memory of the login protection (every guessed username leaves one), and sessions that
     * ended (started, or revoked, longer ago than a session may last).
     */
    private static ScheduledExecutorService housekeeping(Database database, GatehouseSettings settings, Clock clock) {
        LoginProtection protection = settings.loginProtection();
        Duration memory = protection.accounts().quietPeriod().compareTo(protection.clients().window()) >= 0
                ? protection.accounts().quietPeriod() : protection.clients().window();
        Duration sessionLifetime = settings.refreshPolicy().absoluteLifetime();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int forgotten = database.loginThrottle().forgetQuietSince(clock.instant().minus(memory));
                LOG.fine(() -> "forgot " + forgotten + " stale login-throttle rows");
                int ended = database.refreshTokens().forgetEndedBefore(clock.instant().minus(sessionLifetime));
                LOG.fine(() -> "forgot " + ended + " ended sessions");
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "housekeeping failed; it runs again in " + HOUSEKEEPING_INTERVAL.toMinutes() + " minutes", failed);
            }
        }, HOUSEKEEPING_INTERVAL.toMinutes(), HOUSEKEEPING_INTERVAL.toMinutes(), TimeUnit.MINUTES);
        return scheduler;
    }

    private static byte[] throwAwayDemoSecret() {
        LOG.warning("GATEHOUSE_JWT_SECRET is not set: signing tokens with a random key for this demo run; "
                + "tokens stop working when the process ends");
        return JwtSettings.randomSecret();
    }

    public int port() {
        return server.port();
    }

    public DrivenPorts ports() {
        return ports;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            server.stop();
        } catch (RuntimeException stopFailed) {
            LOG.log(Level.WARNING, "HTTP server did not stop cleanly", stopFailed);
        }
        database.close();
    }
}
