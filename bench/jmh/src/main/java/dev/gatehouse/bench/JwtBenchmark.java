package dev.gatehouse.bench;

import dev.gatehouse.adapter.web.JwtAccessTokens;
import dev.gatehouse.adapter.web.JwtSettings;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.domain.AccessToken;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HS256 access tokens through Gatehouse's adapter ({@link JwtAccessTokens} on Helidon's JWT library), keyed with a
 * random 32-byte secret and timed by the system clock, as in production. {@code verify} runs every check the
 * service runs (strict JSON re-parse, header pinning, MAC, all claims); {@code verifyForgedSignature} is the
 * costliest refusal, a well-formed token whose MAC is wrong, i.e. what an attacker's forgery costs the service.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
// Five warm-up seconds: on 2 cores the JIT was still speeding up Helidon's JWT code after three.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JwtBenchmark {

    private JwtAccessTokens tokens;
    private User user;
    private Set<dev.gatehouse.domain.Scope> noScopes;
    private String token;
    private String forged;

    @Setup
    public void setUp() {
        JwtSettings settings = new JwtSettings("gatehouse", "gatehouse", JwtSettings.randomSecret(),
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW);
        tokens = new JwtAccessTokens(settings, Clock.systemUTC());
        user = Fixtures.activeUser("johndoe");
        noScopes = Set.of();
        token = tokens.issue(user, Set.of()).value();
        forged = Fixtures.withForgedSignature(token);
        Checks.require(tokens.verify(token).isPresent(), "a freshly issued token does not verify");
        Checks.require(tokens.verify(forged).isEmpty(), "a token with a forged signature verifies");
    }

    /** Signing a token for a successful login. */
    @Benchmark
    public AccessToken issue() {
        return tokens.issue(user, noScopes);
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
