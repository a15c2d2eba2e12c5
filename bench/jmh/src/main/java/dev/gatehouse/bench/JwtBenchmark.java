package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.security.JwtAccessTokens;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Access tokens through Gatehouse's adapter ({@link JwtAccessTokens} on Helidon's JWT library), timed by the system
 * clock, once per signing algorithm ({@code algorithm}): {@code HS256} keyed with a random 32-byte secret (the
 * tutorial-compatible mode), and {@code RS256} (the default), {@code ES256} and {@code EdDSA} with a key the
 * rotation service generated into a caching signing-key store, as production wires them
 * ({@link Fixtures#jwtAccessTokens}). {@code verify} runs every check the service runs (strict JSON re-parse,
 * header pinning, key look-up by {@code kid}, signature, all claims); {@code verifyForgedSignature} is the costliest
 * refusal, a well-formed token whose signature is wrong, i.e. what an attacker's forgery costs the service.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
// Five warm-up seconds: on 2 cores the JIT was still speeding up Helidon's JWT code after three.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JwtBenchmark {

    @Param({Fixtures.HS256, "RS256", "ES256", "EdDSA"})
    public String algorithm;

    private JwtAccessTokens tokens;
    private User user;
    private Set<dev.gatehouse.domain.Scope> noScopes;
    private SessionId session;
    private String token;
    private String forged;

    @Setup
    public void setUp() {
        tokens = Fixtures.jwtAccessTokens(algorithm, JwtSettings.randomSecret(), Clock.systemUTC());
        user = Fixtures.activeUser("johndoe");
        noScopes = Set.of();
        session = SessionId.newId();
        token = tokens.issue(user, noScopes, session).value();
        forged = Fixtures.withForgedSignature(token);
        Checks.require(Fixtures.algorithmOf(token).equals(algorithm), "the token is signed with "
                + Fixtures.algorithmOf(token) + ", not " + algorithm);
        Checks.require(tokens.verify(token).isPresent(), "a freshly issued token does not verify");
        Checks.require(tokens.verify(forged).isEmpty(), "a token with a forged signature verifies");
    }

    /** Signing a token for a successful login (or a refresh). */
    @Benchmark
    public AccessToken issue() {
        return tokens.issue(user, noScopes, session);
    }

    /** Checking the token of a {@code GET /users/me}. */
    @Benchmark
    public Optional<AccessTokenClaims> verify() {
        return tokens.verify(token);
    }

    /** Refusing a well-formed token whose signature is wrong. */
    @Benchmark
    public Optional<AccessTokenClaims> verifyForgedSignature() {
        return tokens.verify(forged);
    }
}
