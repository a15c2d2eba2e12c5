package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.security.JwtAccessTokens;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
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
 * The current-user use case ({@link CurrentUserService}, behind {@code GET /users/me}): check the bearer token,
 * then read the user afresh from an {@link InMemoryUserRepository}. With {@code tokens=in-memory} the token check
 * is one map look-up ({@link InMemoryAccessTokens}), so the number is the use case's own cost; with
 * {@code tokens=jwt-HS256} (the only {@code jwt} before asymmetric keys) and {@code tokens=jwt-RS256} (the default
 * now) it is the production {@link JwtAccessTokens}, so the number is everything but the database.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
// Five warm-up seconds: on 2 cores the JIT was still speeding up Helidon's JWT code after three.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CurrentUserBenchmark {

    @Param({"in-memory", "jwt-HS256", "jwt-RS256"})
    public String tokens;

    private CurrentUserUseCase service;
    private CurrentUserQuery query;

    @Setup
    public void setUp() {
        // Tokens live 15 minutes, far longer than a trial, so the one issued here stays valid throughout.
        Clock clock = Clock.systemUTC();
        AccessTokens accessTokens = tokens.equals("in-memory")
                ? new InMemoryAccessTokens(clock, JwtSettings.DEFAULT_LIFETIME)
                : Fixtures.jwtAccessTokens(tokens.substring("jwt-".length()), JwtSettings.randomSecret(), clock);
        InMemoryUserRepository users = new InMemoryUserRepository();
        // A few other users, so the look-up is not into a one-entry map.
        for (int i = 0; i < 100; i++) {
            users.add(Fixtures.activeUser("user" + i));
        }
        User user = Fixtures.activeUser("johndoe");
        users.add(user);
        service = Fixtures.useCases(users, new FastPasswordHasher(), accessTokens, new Fixtures.UnrememberedRefreshTokens(),
                new Fixtures.UnrememberedKnownDevices(), new Fixtures.DiscardingAuditLog(), clock).currentUser();
        query = new CurrentUserQuery(accessTokens.issue(user, Set.of(), SessionId.newId()).value());
        Checks.require(!(accessTokens instanceof JwtAccessTokens)
                || tokens.equals("jwt-" + Fixtures.algorithmOf(query.accessToken())), "the token is not signed as named");
        Checks.require(service.currentUser(query) instanceof CurrentUserResult.Authenticated authenticated
                && authenticated.user().equals(user), "the token does not resolve to its user");
    }

    @Benchmark
    public CurrentUserResult currentUser() {
        return service.currentUser(query);
    }
}
