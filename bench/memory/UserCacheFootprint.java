/*
 * Heap bytes per entry of the token check's user cache (CachingUserRepository), for sizing
 * GATEHOUSE_USER_CACHE_SIZE against the RSS target. Fills an in-memory repository with N realistic users
 * (argon2id PHC hash, e-mail, full name), measures the heap, reads every user once through the cache, measures
 * again; the difference divided by N is what one cached user costs (the User and its strings, the entry and
 * the cache's slot). Run by bench/memory/run.sh.
 */
import dev.gatehouse.adapter.out.persistence.CachingUserRepository;
import dev.gatehouse.adapter.out.persistence.UserCacheSettings;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.lang.reflect.Proxy;

public class UserCacheFootprint {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        InMemoryUserRepository database = new InMemoryUserRepository();
        List<Username> names = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            Username name = new Username("user_" + (1_000_000 + i));
            names.add(name);
            // A PHC string of the default argon2id cost: the length of what the database holds.
            String hash = "$argon2id$v=19$m=19456,t=2,p=1$" + "c2FsdHNhbHRzYWx0c2FsdA".substring(0, 22) + "$"
                    + Long.toHexString(Double.doubleToLongBits(Math.random())) + "Q".repeat(27);
            database.add(User.register(name, new PasswordHash(hash), new EmailAddress(name.value() + "@example.com"),
                    new FullName("Bench User " + i), now));
        }
        // As a database does, every read answers a new User with strings of its own (not the stored objects).
        UserRepository reading = (UserRepository) Proxy.newProxyInstance(UserRepository.class.getClassLoader(),
                new Class<?>[] {UserRepository.class}, (proxy, method, arguments) -> {
                    Object answer = method.invoke(database, arguments);
                    if (method.getName().equals("findByUsername")) {
                        return ((Optional<?>) answer).map(found -> copy((User) found));
                    }
                    return answer;
                });
        CachingUserRepository cache = new CachingUserRepository(reading,
                new UserCacheSettings(Duration.ofMinutes(10), Math.max(n, 1)));
        cache.resume();
        long before = usedHeap();
        for (Username name : names) {
            cache.findByUsername(name).orElseThrow();
        }
        long after = usedHeap();
        System.out.printf("users=%d cached=%d heap_before=%d heap_after=%d bytes_per_entry=%d%n",
                n, cache.size(), before, after, (after - before) / n);
        // Keep both alive until measured.
        if (cache.stats().hits() < 0 || database.hashCode() == 0) {
            System.out.println();
        }
    }

    private static User copy(User user) {
        return new User(user.id(), new Username(new String(user.username().value())),
                user.email().map(email -> new EmailAddress(new String(email.value()))).orElse(null),
                user.fullName().map(name -> new FullName(new String(name.value()))).orElse(null),
                new PasswordHash(new String(user.passwordHash().encoded())), user.isDisabled(), user.createdAt(),
                user.securityVersion(), user.roles());
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
