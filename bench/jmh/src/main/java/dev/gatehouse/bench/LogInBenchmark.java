package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.security.HmacKnownDevices;
import dev.gatehouse.adapter.out.security.JwtAccessTokens;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log-in use case ({@link LogInService}) on in-memory ports and the fast test hasher (one salted SHA-256), so
 * the numbers are the use case's own cost: parsing the name, throttle look-ups and updates, the verification call,
 * the rehash check, issuing a token, enrolling the device, auditing. A real login adds one argon2id verification
 * ({@link Argon2Benchmark}) and the database round trips.
 *
 * <ul>
 *   <li>{@code succeeds}: the right password, with opaque tokens and device credentials like the fakes';</li>
 *   <li>{@code succeedsWithJwt}: the same with the production token and device adapters ({@link JwtAccessTokens},
 *       {@link HmacKnownDevices}): everything a login costs but argon2 and the database;</li>
 *   <li>{@code wrongPassword}: a failure, recorded against the account and the client; the clock moves two hours
 *       per attempt so every attempt finds the backoff expired and takes the failure path, not the throttled one;</li>
 *   <li>{@code throttled}: an attempt on an account in backoff (no hashing, one wait-like-a-verification).</li>
 * </ul>
 * Each tear-down checks from the audit trail that the path measured was the path named.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
// Five warm-up seconds: on 2 cores the JIT was still speeding up Helidon's JWT code after three.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogInBenchmark {

    private static final String USERNAME = "johndoe";
    private static final PlainPassword PASSWORD = new PlainPassword("correct horse battery staple");
    private static final PlainPassword WRONG_PASSWORD = new PlainPassword("correct horse battery stapler");
    private static final ClientAddress CLIENT = new ClientAddress("203.0.113.7");
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    /** The log-in use case of the one assembly over fakes; the subclasses pick the token and device adapters and the path. */
    public abstract static class Wiring {

        MutableClock clock;
        Fixtures.DiscardingAuditLog audit;
        Fixtures.UnrememberedRefreshTokens sessions;
        LogInUseCase service;
        LogInCommand rightPassword;
        LogInCommand wrongPassword;

        void wire(AccessTokens tokens, KnownDevices devices) {
            FastPasswordHasher hasher = new FastPasswordHasher();
            InMemoryUserRepository users = new InMemoryUserRepository();
            users.add(Fixtures.activeUser(USERNAME, PASSWORD, hasher));
            audit = new Fixtures.DiscardingAuditLog();
            sessions = new Fixtures.UnrememberedRefreshTokens();
            service = Fixtures.useCases(users, hasher, tokens, sessions, devices, audit, clock).logIn();
            rightPassword = new LogInCommand(USERNAME, PASSWORD, Set.of(), CLIENT, Optional.empty());
            wrongPassword = new LogInCommand(USERNAME, WRONG_PASSWORD, Set.of(), CLIENT, Optional.empty());
        }

        void wireFakes() {
            clock = MutableClock.startingNow();
            wire(new Fixtures.UnrememberedAccessTokens(clock, LIFETIME), new Fixtures.UnrememberedKnownDevices());
        }

        void expectEveryAttemptEndedIn(AuditEvent.Type type) {
            Checks.require(audit.lastType().equals(Optional.of(type)),
                    "expected every attempt to end in " + type + ", the last ended in " + audit.lastType());
            // Only a successful login starts a session; failures and throttled attempts must not.
            boolean startsSessions = type == AuditEvent.Type.LOGIN_SUCCEEDED;
            Checks.require((sessions.started() > 1) == startsSessions, type + " attempts "
                    + (startsSessions ? "started no session" : "started " + sessions.started() + " sessions"));
        }
    }

    @State(Scope.Thread)
    public static class Fakes extends Wiring {

        @Setup(Level.Trial)
        public void setUp() {
            wireFakes();
            Checks.require(service.logIn(rightPassword) instanceof LogInResult.LoggedIn, "the right password fails");
        }

        @TearDown(Level.Iteration)
        public void check() {
            expectEveryAttemptEndedIn(AuditEvent.Type.LOGIN_SUCCEEDED);
        }
    }

    /** The production token and device adapters; tokens signed with {@code algorithm}. */
    @State(Scope.Thread)
    public static class WebAdapters extends Wiring {

        /** HS256 as before asymmetric keys existed; RS256, the default now (see {@link JwtBenchmark}). */
        @Param({Fixtures.HS256, "RS256"})
        public String algorithm;

        @Setup(Level.Trial)
        public void setUp() {
            clock = MutableClock.startingNow();
            byte[] secret = JwtSettings.randomSecret();
            JwtAccessTokens tokens = Fixtures.jwtAccessTokens(algorithm, secret, clock);
            wire(tokens, new HmacKnownDevices(secret, HmacKnownDevices.DEFAULT_LIFETIME, clock));
            Checks.require(service.logIn(rightPassword) instanceof LogInResult.LoggedIn loggedIn
                    && tokens.verify(loggedIn.accessToken().value()).isPresent()
                    && Fixtures.algorithmOf(loggedIn.accessToken().value()).equals(algorithm),
                    "the right password gets no valid " + algorithm + " token");
        }

        @TearDown(Level.Iteration)
        public void check() {
            expectEveryAttemptEndedIn(AuditEvent.Type.LOGIN_SUCCEEDED);
        }
    }

    /** Fakes, and a clock the benchmark moves past each failure's backoff. */
    @State(Scope.Thread)
    public static class FailingAttempts extends Wiring {

        @Setup(Level.Trial)
        public void setUp() {
            wireFakes();
            Checks.require(service.logIn(wrongPassword) instanceof LogInResult.InvalidCredentials, "a wrong password passes");
            clock.advance(Duration.ofHours(2));
            Checks.require(service.logIn(wrongPassword) instanceof LogInResult.InvalidCredentials,
                    "two hours later the account is still throttled");
        }

        @TearDown(Level.Iteration)
        public void check() {
            expectEveryAttemptEndedIn(AuditEvent.Type.LOGIN_FAILED);
        }
    }

    /** An account already in backoff; the clock stands still, so it stays there. */
    @State(Scope.Thread)
    public static class ThrottledAccount extends Wiring {

        @Setup(Level.Trial)
        public void setUp() {
            wireFakes();
            Checks.require(service.logIn(wrongPassword) instanceof LogInResult.InvalidCredentials, "a wrong password passes");
            Checks.require(service.logIn(rightPassword) instanceof LogInResult.Throttled, "the account is not throttled");
        }

        @TearDown(Level.Iteration)
        public void check() {
            expectEveryAttemptEndedIn(AuditEvent.Type.LOGIN_THROTTLED);
        }
    }

    @Benchmark
    public LogInResult succeeds(Fakes wiring) {
        return wiring.service.logIn(wiring.rightPassword);
    }

    @Benchmark
    public LogInResult succeedsWithJwt(WebAdapters wiring) {
        return wiring.service.logIn(wiring.rightPassword);
    }

    @Benchmark
    public LogInResult wrongPassword(FailingAttempts wiring) {
        wiring.clock.advance(Duration.ofHours(2));
        return wiring.service.logIn(wiring.wrongPassword);
    }

    @Benchmark
    public LogInResult throttled(ThrottledAccount wiring) {
        return wiring.service.logIn(wiring.rightPassword);
    }
}
