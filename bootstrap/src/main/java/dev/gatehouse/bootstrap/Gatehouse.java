package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.web.GatehouseWeb;
import dev.gatehouse.adapter.in.web.Operations;
import dev.gatehouse.adapter.in.web.ReadinessCheck;
import dev.gatehouse.adapter.in.web.WebUseCases;
import dev.gatehouse.adapter.out.observability.ConnectionPoolStats;
import dev.gatehouse.adapter.out.observability.UserCacheUsage;
import dev.gatehouse.adapter.out.observability.GatehouseMeters;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.PoolUsage;
import dev.gatehouse.adapter.out.persistence.UserCacheStats;
import dev.gatehouse.adapter.out.redis.RedisStore;
import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.in.ForgetExpiredDataUseCase;
import dev.gatehouse.application.port.in.MailDelivery;
import dev.gatehouse.application.port.in.ForgottenData;
import dev.gatehouse.application.port.in.KeyRotation;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.SigningAlgorithm;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /** How often each instance looks for mail to send: a reset link should arrive within seconds. */
    private static final Duration MAIL_INTERVAL = Duration.ofSeconds(1);

    private final DrivenAdapters adapters;
    private final DrivenPorts ports;
    private final UseCases useCases;
    private final WebServer server;
    private final ScheduledExecutorService housekeeping;

    private Gatehouse(DrivenAdapters adapters, DrivenPorts ports, UseCases useCases, WebServer server,
                      ScheduledExecutorService housekeeping) {
        this.adapters = adapters;
        this.ports = ports;
        this.useCases = useCases;
        this.server = server;
        this.housekeeping = housekeeping;
    }

    /** Opens (and migrates) the database, wires the adapters and starts serving. */
    public static Gatehouse start(GatehouseSettings settings, Clock clock) {
        // Meters of this Gatehouse alone: two in one JVM (tests, a blue/green switch) must not count each other's.
        PrometheusMeterRegistry registry = GatehouseMeters.newRegistry();
        GatehouseMeters meters = new GatehouseMeters(registry);
        DrivenAdapters adapters = DrivenAdapters.open(settings, settings.userCache(), clock, meters);
        ScheduledExecutorService housekeeping = housekeeping();
        try {
            DrivenPorts ports = adapters.ports();
            if (!settings.clients().isEmpty()) {
                LOG.info(() -> "Client authentication on: /token and /revoke accept only the registered clients "
                        + settings.clients().stream().map(client -> client.id().value()).toList());
            }
            if (settings.demo()) {
                DemoUsers.seed(ports.users(), ports.passwordHasher(), clock);
                LOG.info("Demo mode: users johndoe/secret (active, an administrator) and alice/secret2 (disabled) are available");
            } else {
                refuseLeftOverDemoUsers(ports);
            }
            UseCases useCases = new UseCases(ports, policies(settings));
            // The first rotation (on a new database: generating an RSA key pair, ~1 s of a cold JVM's CPU, 40 % of a
            // first start) runs while the HTTP server is built; the server listens only once a key can sign.
            Optional<CompletableFuture<Void>> firstRotation = useCases.rotateSigningKeys().map(rotation -> inBackground(
                    "gatehouse-first-rotation", () -> rotateSigningKeys(rotation,
                            settings.tokens().signing().algorithm().orElseThrow(), settings, housekeeping)));
            WebServer built = server(settings, useCases, adapters, meters, registry);
            firstRotation.ifPresent(Gatehouse::await);
            WebServer server = built.start();
            forgetWhatNoLongerCounts(housekeeping, useCases.forgetExpiredData());
            if (settings.mail().smtp().isEmpty()) {
                LOG.warning(SettingsCatalogue.SMTP_HOST.name() + " is not set: password-reset mails are written to the log instead "
                        + "of sent, links and all; set it before anyone else can read this log");
            }
            deliverMail(housekeeping, useCases.deliverMail());
            return new Gatehouse(adapters, ports, useCases, server, housekeeping);
        } catch (RuntimeException startFailed) {
            housekeeping.shutdownNow();
            adapters.close();
            throw startFailed;
        }
    }

    /**
     * A real run on a database a demo run seeded would let anyone who read the README log in, johndoe as an
     * administrator: refuse to start (Main exits non-zero with this one line) until the demo accounts are gone.
     */
    private static void refuseLeftOverDemoUsers(DrivenPorts ports) {
        List<String> usable = DemoUsers.stillUsable(ports.users(), ports.passwordHasher()).stream()
                .map(Object::toString).toList();
        if (!usable.isEmpty()) {
            throw new IllegalStateException("this database holds the demo account(s) " + String.join(", ", usable)
                    + " with the password(s) published in the README (seeded by GATEHOUSE_DEMO=true); outside demo mode "
                    + "they must not log in: disable them first (gatehouse disable " + usable.get(0)
                    + ") or start on another database");
        }
    }

    /**
     * Brings the keys up to the schedule before the first request (a new deployment gets its first key here), then
     * checks the schedule periodically. A failed check is logged and retried at the next one: the current key
     * signs on meanwhile, and a successor is always due long (the pre-publication window) before it must sign.
     */
    private static void rotateSigningKeys(RotateSigningKeysUseCase rotation, SigningAlgorithm algorithm,
                                          GatehouseSettings settings, ScheduledExecutorService housekeeping) {
        KeyRotation started = rotation.rotate();
        LOG.info(() -> "Signing access tokens with " + algorithm.joseName() + " key " + started.signingKey()
                + started.created().map(created -> " (created key " + created + ")").orElse(""));
        long interval = settings.tokens().signing().checkInterval().toSeconds();
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                KeyRotation done = rotation.rotate();
                if (done.changedAnything()) {
                    LOG.info(() -> "Key rotation: created " + done.created().map(Object::toString).orElse("none")
                            + ", removed " + done.removed() + ", signing with " + done.signingKey());
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "signing-key rotation check failed; retrying at the next check", failed);
            }
        }, interval, interval, TimeUnit.SECONDS);
    }

    /**
     * The server (not yet started) of the ports over HTTP with the operations endpoints (readiness asks the database),
     * within Gatehouse's request limits. Helidon's own shutdown hook is off: ours stops the server (letting requests
     * in flight finish within the grace period) before it closes the pool they need.
     */
    private static WebServer server(GatehouseSettings settings, UseCases useCases, DrivenAdapters adapters, GatehouseMeters meters,
                                    PrometheusMeterRegistry registry) {
        Database database = adapters.database();
        meters.registerPoolGauges(() -> {
            PoolUsage pool = database.poolUsage();
            return new ConnectionPoolStats(pool.active(), pool.idle(), pool.total(), pool.waiting(), pool.maximum());
        });
        if (database.userCacheStats().isPresent()) {
            meters.registerUserCacheGauges(() -> {
                UserCacheStats cache = database.userCacheStats().orElseThrow();
                return new UserCacheUsage(cache.hits(), cache.misses(), cache.evictions(), cache.size());
            });
        }
        List<ReadinessCheck> checks = new ArrayList<>(List.of(ReadinessCheck.of("database", database::isReachable)));
        if (adapters.redis().isPresent()) {
            checks.add(redisCheck(adapters.redis().get()));
        }
        var server = WebServer.builder().host(settings.server().host()).port(settings.server().port()).shutdownHook(false)
                .shutdownGracePeriod(settings.server().shutdownGrace());
        Operations operations = new Operations(checks, settings.server().readinessTimeout(), registry);
        if (settings.server().adminPort().isPresent()) {
            GatehouseWeb.configure(server, webUseCases(useCases), settings.web(), operations, settings.server().adminPort().getAsInt());
        } else {
            GatehouseWeb.configure(server, webUseCases(useCases), settings.web(), operations);
        }
        return server.build();
    }

    /** Readiness asks Redis too when it holds the throttle and the revocation list (the only place naming it here). */
    private static ReadinessCheck redisCheck(RedisStore redis) {
        return ReadinessCheck.of("redis", redis::isReachable);
    }

    /** Runs {@code task} on a thread of its own (a daemon: it must not keep a failed start alive). */
    private static CompletableFuture<Void> inBackground(String name, Runnable task) {
        return CompletableFuture.runAsync(task, runnable -> Thread.ofPlatform().name(name).daemon().start(runnable));
    }

    /** Waits for {@code task}; its failure is thrown as it was, so the start fails with the same one-line reason. */
    private static void await(CompletableFuture<Void> task) {
        try {
            task.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    private static ScheduledExecutorService housekeeping() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Deletes what no longer counts, every ten minutes, so the tables do not grow for ever: throttle rows older
     * than the longest memory of the login protection (every guessed username leaves one), sessions that
     * ended (started, or revoked, longer ago than a session may last), revoked access tokens past their expiry,
     * audit events older than the retention ({@code GATEHOUSE_AUDIT_RETENTION}), and expired authorization codes,
     * email-verification and password-reset links and second-factor challenges; the counts go to the log.
     */
    private static void forgetWhatNoLongerCounts(ScheduledExecutorService scheduler, ForgetExpiredDataUseCase housekeeping) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                ForgottenData forgotten = housekeeping.forgetExpiredData();
                LOG.fine(() -> "housekeeping forgot " + forgotten);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "housekeeping failed; it runs again in " + HOUSEKEEPING_INTERVAL.toMinutes() + " minutes", failed);
            }
        }, HOUSEKEEPING_INTERVAL.toMinutes(), HOUSEKEEPING_INTERVAL.toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Sends the outbox's due mails every {@link #MAIL_INTERVAL}, on every instance (each mail is claimed by one). A round
     * that fails (the database unreachable) is logged and the next one tries again; a mail that fails waits its backoff.
     */
    private static void deliverMail(ScheduledExecutorService scheduler, DeliverMailUseCase delivery) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                MailDelivery done = delivery.deliverDue();
                if (done.didAnything()) {
                    LOG.fine(() -> "mail delivery: " + done);
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "mail delivery failed; it runs again in " + MAIL_INTERVAL.toMillis() + " ms", failed);
            }
        }, MAIL_INTERVAL.toMillis(), MAIL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The use cases the HTTP adapter drives, taken from the one assembly. */
    static WebUseCases webUseCases(UseCases useCases) {
        return new WebUseCases(useCases.logIn(), useCases.registerUser(), useCases.currentUser(), useCases.refreshToken(),
                useCases.revokeToken(), useCases.logOut(), useCases.changePassword(), useCases.publishedKeys(),
                new WebUseCases.Administration(useCases.searchUsers(), useCases.showUser(), useCases.setUserEnabled(),
                        useCases.unlockUser(), useCases.changeUserRole(), useCases.endUserSessions(),
                        useCases.sendPasswordReset()),
                useCases.introspectToken(),
                new WebUseCases.PasswordReset(useCases.requestPasswordReset(), useCases.confirmPasswordReset()),
                useCases.clientCredentialsGrant(),
                new WebUseCases.AuthorizationCode(useCases.startAuthorization(), useCases.signIn(),
                        useCases.redeemAuthorizationCode()),
                new WebUseCases.EmailVerification(useCases.emailVerificationMode(), useCases.requestEmailVerification(),
                        useCases.confirmEmailVerification(), useCases.changeEmail()),
                new WebUseCases.TwoFactor(useCases.startTwoFactor(), useCases.confirmTwoFactor(), useCases.removeTwoFactor(),
                        useCases.regenerateRecoveryCodes(), useCases.mfaLogIn(), useCases.resetTwoFactor()),
                useCases.userInfo(),
                new WebUseCases.ClientAdministration(useCases.registerClient(), useCases.listClients(), useCases.showClient(),
                        useCases.removeClient(), useCases.rotateClientSecret(), useCases.clientsRegistered()),
                useCases.answerConsent(), useCases.signInWithCode(),
                new WebUseCases.Account(useCases.showAccount(), useCases.endSession(), useCases.revokeConsent()),
                useCases.endBrowserSession());
    }

    /** The rules of {@code settings} the use cases run under. */
    public static Policies policies(GatehouseSettings settings) {
        Optional<Policies.KeySigning> keySigning = settings.tokens().signing().algorithm().map(algorithm -> new Policies.KeySigning(
                algorithm, settings.tokens().signing().policy(settings.tokens().lifetime(), settings.tokens().clockSkew())));
        return new Policies(settings.loginProtection(), settings.tokens().scopePolicy(), settings.tokens().refreshPolicy(), retention(settings),
                keySigning).withEmailVerification(settings.mail().emailVerification())
                .withSecondFactorRequirement(settings.tokens().secondFactorRequirement());
    }

    /**
     * Failed logins are remembered as long as the longer of the account backoff's quiet period and the client budget's
     * window; sessions for their absolute lifetime; revoked tokens for the clock skew past their expiry.
     */
    static Retention retention(GatehouseSettings settings) {
        LoginProtection protection = settings.loginProtection();
        Duration failedLogins = protection.accounts().quietPeriod().compareTo(protection.clients().window()) >= 0
                ? protection.accounts().quietPeriod() : protection.clients().window();
        return new Retention(failedLogins, settings.tokens().refreshPolicy().absoluteLifetime(), settings.tokens().clockSkew(),
                settings.auditRetention());
    }

    public int port() {
        return server.port();
    }

    /** The port of {@code /health/*} and {@code /metrics} when they have their own; otherwise {@link #port()}. */
    public int adminPort() {
        int operations = server.port(GatehouseWeb.OPERATIONS_SOCKET);
        return operations > 0 ? operations : server.port();
    }

    public DrivenPorts ports() {
        return ports;
    }

    /** The use cases this Gatehouse serves, as the one assembly built them. */
    public UseCases useCases() {
        return useCases;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            server.stop();
        } catch (RuntimeException stopFailed) {
            LOG.log(Level.WARNING, "HTTP server did not stop cleanly", stopFailed);
        }
        adapters.close();
    }
}
