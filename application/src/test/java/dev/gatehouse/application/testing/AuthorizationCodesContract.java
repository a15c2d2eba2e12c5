package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.PkceChallenge;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuthorizationCodes} adapter must do. Extend it, return a store with no codes from
 * {@link #newEmptyStore()}, and, for a store several instances share, another instance's view of the same store
 * from {@link #anotherInstanceOnTheSameStore()}. The promise that matters: a code is redeemed once, even when many
 * redemptions race on several instances.
 */
public abstract class AuthorizationCodesContract {

    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final int RACERS = 16;

    protected abstract AuthorizationCodes newEmptyStore();

    /** The same store as the last {@link #newEmptyStore()}, seen as another instance would; itself by default. */
    protected AuthorizationCodes anotherInstanceOnTheSameStore() {
        return last;
    }

    private AuthorizationCodes last;

    private AuthorizationCodes fresh() {
        last = newEmptyStore();
        return last;
    }

    /** A code issued at {@link #NOW} with every binding filled in. */
    public static AuthorizationCode aCode() {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        return new AuthorizationCode(new AuthorizationCodeHash(HexFormat.of().formatHex(random)), new ClientId("web-app"),
                "https://app.example.com/callback?x=1", PkceChallenge.of("a-verifier-of-at-least-forty-three-characters-0123"),
                new UserId(UUID.randomUUID()), 3, Set.of(new Scope("items:read"), new Scope("openid")), Optional.of("n-0S6_WzA2Mj"),
                NOW, NOW.plus(AuthorizationCode.MAX_LIFETIME), Optional.empty(), Optional.empty());
    }

    @Test
    void finds_a_stored_code_with_everything_it_is_bound_to() {
        AuthorizationCodes codes = fresh();
        AuthorizationCode code = aCode();

        codes.store(code);

        assertEquals(Optional.of(code), codes.find(code.hash()));
        assertEquals(Optional.of(code), anotherInstanceOnTheSameStore().find(code.hash()));
        assertEquals(Optional.empty(), codes.find(aCode().hash()));
    }

    @Test
    void keeps_when_the_person_signed_in_apart_from_when_the_code_was_issued() {
        AuthorizationCodes codes = fresh();
        AuthorizationCode template = aCode();
        // A browser session's sign-in, hours before the code: OpenID Connect's auth_time must not become the code's time.
        AuthorizationCode code = new AuthorizationCode(template.hash(), template.client(), template.redirectUri(),
                template.challenge(), template.user(), 3, template.scopes(), template.nonce(), template.issuedAt(),
                template.expiresAt(), Optional.empty(), Optional.empty(), NOW.minusSeconds(3 * 3600 + 7));

        codes.store(code);

        assertEquals(NOW.minusSeconds(3 * 3600 + 7), codes.find(code.hash()).orElseThrow().authTime());
        assertEquals(NOW.minusSeconds(3 * 3600 + 7), anotherInstanceOnTheSameStore().find(code.hash()).orElseThrow().authTime());
        codes.redeem(code.hash(), SessionId.newId(), NOW.plusSeconds(1));
        assertEquals(NOW.minusSeconds(3 * 3600 + 7), codes.find(code.hash()).orElseThrow().authTime());
    }

    @Test
    void keeps_a_code_without_a_nonce() {
        AuthorizationCodes codes = fresh();
        AuthorizationCode template = aCode();
        AuthorizationCode code = new AuthorizationCode(template.hash(), template.client(), template.redirectUri(),
                template.challenge(), template.user(), 0, Set.of(), Optional.empty(), template.issuedAt(),
                template.expiresAt(), Optional.empty(), Optional.empty());

        codes.store(code);

        assertEquals(Optional.of(code), codes.find(code.hash()));
    }

    @Test
    void redeems_a_code_once_and_remembers_the_session_it_started() {
        AuthorizationCodes codes = fresh();
        AuthorizationCode code = aCode();
        codes.store(code);
        SessionId first = SessionId.newId();
        Instant at = NOW.plusSeconds(5);

        assertTrue(codes.redeem(code.hash(), first, at));
        assertFalse(codes.redeem(code.hash(), SessionId.newId(), at.plusSeconds(1)));
        assertFalse(anotherInstanceOnTheSameStore().redeem(code.hash(), SessionId.newId(), at.plusSeconds(1)));

        assertEquals(Optional.of(code.redeemed(at, first)), codes.find(code.hash()));
    }

    @Test
    void an_unknown_code_is_not_redeemed() {
        AuthorizationCodes codes = fresh();

        assertFalse(codes.redeem(aCode().hash(), SessionId.newId(), NOW));
    }

    @Test
    void of_many_parallel_redemptions_on_two_instances_exactly_one_wins() throws Exception {
        AuthorizationCodes codes = fresh();
        AuthorizationCode code = aCode();
        codes.store(code);
        List<AuthorizationCodes> instances = List.of(codes, anotherInstanceOnTheSameStore());
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<SessionId> winners = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<SessionId>>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                AuthorizationCodes instance = instances.get(i % 2);
                Callable<Optional<SessionId>> attempt = () -> {
                    SessionId session = SessionId.newId();
                    start.await();
                    return instance.redeem(code.hash(), session, NOW.plusSeconds(1)) ? Optional.of(session) : Optional.empty();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<Optional<SessionId>> result : results) {
                result.get().ifPresent(winners::add);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(Optional.of(winners.getFirst()), codes.find(code.hash()).flatMap(AuthorizationCode::session));
    }

    @Test
    void forgets_codes_that_expired_before_the_cutoff_and_keeps_the_others() {
        AuthorizationCodes codes = fresh();
        AuthorizationCode expired = aCode();
        codes.store(expired);
        AuthorizationCode template = aCode();
        AuthorizationCode later = new AuthorizationCode(template.hash(), template.client(), template.redirectUri(),
                template.challenge(), template.user(), 0, template.scopes(), template.nonce(), NOW.plusSeconds(3600),
                NOW.plusSeconds(3630), Optional.empty(), Optional.empty());
        codes.store(later);

        assertEquals(1, codes.forgetExpiredBefore(NOW.plusSeconds(120)));

        assertEquals(Optional.empty(), codes.find(expired.hash()));
        assertEquals(Optional.of(later), codes.find(later.hash()));
    }
}
