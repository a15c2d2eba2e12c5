package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.security.Argon2Parameters;
import dev.gatehouse.adapter.out.security.Argon2PasswordHasher;
import dev.gatehouse.adapter.out.security.BoundedPasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * argon2id at the production default, OWASP's m=19456 KiB, t=2, p=1, through Gatehouse's own adapter
 * ({@link Argon2PasswordHasher}: argon2-jvm's reference C implementation over JNA). The work is native, so a
 * short warm-up suffices; each 1 s iteration holds about 25 hashes.
 *
 * <p>{@code verifyAllCores} runs one caller per core ({@code @Threads(MAX)}): its time per operation is what one
 * hash takes while every core hashes (memory bandwidth is shared), so cores ÷ that time is the machine's hashing
 * ceiling, the upper bound on logins per second. {@code verifyBoundedAllCores} is the same through
 * {@link BoundedPasswordHasher} sized as production sizes it, adding its permit and hand-off to a hashing thread.
 * {@code verifySampled} times each call ({@code Mode.SampleTime}) for the median and tail.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class Argon2Benchmark {

    private Argon2PasswordHasher hasher;
    private BoundedPasswordHasher bounded;
    private PlainPassword password;
    private PlainPassword wrongPassword;
    private PasswordHash stored;

    @Setup
    public void setUp() {
        hasher = new Argon2PasswordHasher(Argon2Parameters.OWASP);
        int cores = Runtime.getRuntime().availableProcessors();
        // As the service sizes it by default: min(cores, 256 MiB / m) at once, 8 waiting per slot, 2 s wait.
        int concurrent = BoundedPasswordHasher.concurrencyFor(Argon2Parameters.OWASP, 256L * 1024 * 1024, cores);
        bounded = new BoundedPasswordHasher(hasher, concurrent, 8 * concurrent, Duration.ofSeconds(2));
        password = new PlainPassword("correct horse battery staple");
        wrongPassword = new PlainPassword("correct horse battery stapler");
        stored = hasher.hash(password);
        Checks.require(!hasher.needsRehash(stored), "the stored hash is not at OWASP parameters: " + stored.encoded());
        Checks.require(hasher.verify(password, stored), "the right password does not verify");
        Checks.require(!hasher.verify(wrongPassword, stored), "a wrong password verifies");
        Checks.require(bounded.verify(password, stored), "the right password does not verify through the bound");
    }

    /** Registration's cost (and a rehash on login): a fresh salt and one argon2id run. */
    @Benchmark
    public PasswordHash hash() {
        return hasher.hash(password);
    }

    /** A login with the right password. */
    @Benchmark
    public boolean verify() {
        return hasher.verify(password, stored);
    }

    /** {@link #verify()} again, timing every call: the distribution (median, p99) rather than the mean. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public boolean verifySampled() {
        return hasher.verify(password, stored);
    }

    /** A login with a wrong password: must cost the same as {@link #verify()} (equal time). */
    @Benchmark
    public boolean verifyWrongPassword() {
        return hasher.verify(wrongPassword, stored);
    }

    /** One caller per core, all verifying at once: time per hash under full load. */
    @Benchmark
    @Threads(Threads.MAX)
    public boolean verifyAllCores() {
        return hasher.verify(password, stored);
    }

    /** As {@link #verifyAllCores()}, through the production flood control (permits plus hashing threads). */
    @Benchmark
    @Threads(Threads.MAX)
    public boolean verifyBoundedAllCores() {
        return bounded.verify(password, stored);
    }
}
