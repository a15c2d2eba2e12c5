package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.persistence.CachingUserRepository;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.domain.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * An account write with the user cache full ({@link CachingUserRepository} over an {@link InMemoryUserRepository},
 * so the number is the cache's own cost): "log out everywhere" for one of {@code users} cached users, then that
 * user's next bearer check, which reads it again and puts it back, so the cache stays full. A write names the user
 * by id while the cache is keyed by username: what it costs to find the entry to forget is what this measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UserCacheBenchmark {

    /** The default bound (100,000) and a tenth of it. */
    @Param({"10000", "100000"})
    public int users;

    private static final int STEP = 7_919;

    private CachingUserRepository cache;
    private final List<User> cached = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        InMemoryUserRepository database = new InMemoryUserRepository();
        cache = new CachingUserRepository(database, new UserCacheSettings(Duration.ofMinutes(10), users));
        cache.resume();
        for (int i = 0; i < users; i++) {
            User user = Fixtures.activeUser("user" + i);
            database.add(user);
            cache.findByUsername(user.username());
            cached.add(user);
        }
        Checks.require(cache.size() == users, "the cache does not hold every user");
        // Stepping by a prime that does not divide the count visits every user before repeating one.
        Checks.require(users % STEP != 0, "the step must not divide the number of users");
    }

    @Benchmark
    public User changeThenReadAgain() {
        // Spread over all users, as logouts and password changes are, in an order the hardware cannot guess.
        next = (next + STEP) % users;
        User user = cached.get(next);
        cache.change(user.id(), User::endAllSessions);
        return cache.findByUsername(user.username()).orElseThrow();
    }
}
