package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.MfaChallenge;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MfaChallenges} adapter must do: keep a challenge with everything it is bound to, and let it be used
 * once, before it expires, also when many use it at once on two instances.
 */
public abstract class MfaChallengesContract {

    /** The store under test and the users its challenges belong to, over one storage. */
    public record Stores(MfaChallenges challenges, UserRepository users) {
    }

    protected static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private MfaChallenges challenges;
    private User jane;

    protected abstract Stores newEmptyStores();

    protected MfaChallenges anotherInstance() {
        return challenges;
    }

    @BeforeEach
    void create() {
        Stores stores = newEmptyStores();
        challenges = stores.challenges();
        jane = User.register(new Username("jane"), new PasswordHash("$test$jane"), null, null, T0);
        stores.users().add(jane);
    }

    @Test
    void keeps_a_challenge_with_what_it_is_bound_to() {
        MfaChallenge full = new MfaChallenge(aHash(), jane.id(), 7, Optional.of(new ClientId("spa")),
                Set.of(new Scope("me"), new Scope("items")), Optional.of(new Audience("https://api.example.com")),
                T0.plus(Duration.ofMinutes(5)));
        MfaChallenge bare = new MfaChallenge(aHash(), jane.id(), 0, Optional.empty(), Set.of(), Optional.empty(),
                T0.plus(Duration.ofMinutes(5)));

        challenges.issue(full);
        challenges.issue(bare);

        assertEquals(Optional.of(full), anotherInstance().find(full.tokenHash()));
        assertEquals(Optional.of(bare), challenges.find(bare.tokenHash()));
        assertEquals(Optional.empty(), challenges.find(aHash()));
    }

    @Test
    void a_challenge_is_used_once_and_only_before_it_expires() {
        MfaChallenge challenge = aChallenge(T0.plus(Duration.ofMinutes(5)));
        MfaChallenge expiring = aChallenge(T0.plus(Duration.ofMinutes(5)));
        challenges.issue(challenge);
        challenges.issue(expiring);

        assertTrue(challenges.consume(challenge.tokenHash(), T0));
        assertFalse(anotherInstance().consume(challenge.tokenHash(), T0));
        assertEquals(Optional.empty(), challenges.find(challenge.tokenHash()));
        assertFalse(challenges.consume(expiring.tokenHash(), T0.plus(Duration.ofMinutes(5))));
        assertFalse(challenges.consume(aHash(), T0));
    }

    @Test
    void lets_exactly_one_of_many_parallel_uses_win_across_two_instances() throws Exception {
        MfaChallenge challenge = aChallenge(T0.plus(Duration.ofMinutes(5)));
        challenges.issue(challenge);
        MfaChallenges other = anotherInstance();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                MfaChallenges store = i % 2 == 0 ? challenges : other;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.consume(challenge.tokenHash(), T0);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgets_only_the_expired() {
        MfaChallenge old = aChallenge(T0.plus(Duration.ofMinutes(1)));
        MfaChallenge fresh = aChallenge(T0.plus(Duration.ofMinutes(10)));
        challenges.issue(old);
        challenges.issue(fresh);

        assertEquals(1, challenges.forgetExpiredBefore(T0.plus(Duration.ofMinutes(5))));

        assertEquals(Optional.empty(), challenges.find(old.tokenHash()));
        assertEquals(Optional.of(fresh), challenges.find(fresh.tokenHash()));
    }

    private MfaChallenge aChallenge(Instant expiresAt) {
        return new MfaChallenge(aHash(), jane.id(), 0, Optional.empty(), Set.of(new Scope("me")), Optional.empty(), expiresAt);
    }

    private static String aHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
