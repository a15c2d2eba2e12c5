package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.SessionActivity;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RefreshTokens} adapter must do. Extend it and return the adapter together with the
 * users it may refer to (a database adapter needs the user rows), both empty.
 */
public abstract class RefreshTokensContract {

    /** The store under test and a repository of the users its sessions belong to, over the same storage. */
    public record Stores(RefreshTokens refreshTokens, UserRepository users) {
    }

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private RefreshTokens store;
    private User jane;
    private User john;

    protected abstract Stores newEmptyStores();

    @BeforeEach
    void create() {
        Stores stores = newEmptyStores();
        store = stores.refreshTokens();
        jane = aUser("jane");
        john = aUser("john");
        stores.users().add(jane);
        stores.users().add(john);
    }

    @Test
    void finds_a_started_sessions_first_token_with_everything_stored() {
        RefreshSession session = RefreshSession.start(jane.endAllSessions(), Set.of(new Scope("me"), new Scope("items:read")), T0);
        RefreshTokenHash first = aHash();

        store.start(session, first, T0);

        RefreshToken found = store.find(first).orElseThrow();
        assertEquals(first, found.hash());
        assertEquals(session, found.session());
        assertEquals(T0, found.issuedAt());
        assertEquals(Optional.empty(), found.rotatedAt());
        assertEquals(1, found.session().securityVersion());
    }

    @Test
    void keeps_the_client_a_session_was_started_through() {
        RefreshSession session = RefreshSession.start(jane, Set.of(), Optional.of(new dev.gatehouse.domain.ClientId("web-app")), T0);
        RefreshTokenHash first = aHash();

        store.start(session, first, T0);
        store.revoke(session.id(), T0.plusSeconds(1));

        RefreshToken found = store.find(first).orElseThrow();
        assertEquals(Optional.of(new dev.gatehouse.domain.ClientId("web-app")), found.session().client());
        assertTrue(found.session().isRevoked());
        RefreshSession none = RefreshSession.start(john, Set.of(), T0);
        RefreshTokenHash noneFirst = aHash();
        store.start(none, noneFirst, T0);
        assertEquals(Optional.empty(), store.find(noneFirst).orElseThrow().session().client());
    }

    @Test
    void keeps_the_resource_a_session_was_started_for() {
        dev.gatehouse.domain.Audience api = new dev.gatehouse.domain.Audience("https://api.example.com/" + "x".repeat(1900));
        RefreshSession session = RefreshSession.start(jane, Set.of(), Optional.of(new dev.gatehouse.domain.ClientId("web-app")),
                Optional.of(api), T0);
        RefreshTokenHash first = aHash();

        store.start(session, first, T0);

        assertEquals(Optional.of(api), store.find(first).orElseThrow().session().resource());
        RefreshSession none = RefreshSession.start(john, Set.of(), T0);
        RefreshTokenHash noneFirst = aHash();
        store.start(none, noneFirst, T0);
        assertEquals(Optional.empty(), store.find(noneFirst).orElseThrow().session().resource());
    }

    @Test
    void finds_nothing_for_an_unknown_hash() {
        assertTrue(store.find(aHash()).isEmpty());
    }

    @Test
    void rotates_a_token_into_the_next_one_of_the_same_session() {
        Started started = started(jane);
        RefreshSession session = started.session();
        RefreshTokenHash first = started.first();
        RefreshTokenHash second = aHash();
        Instant later = T0.plus(Duration.ofMinutes(5));

        assertTrue(store.rotate(first, second, later));

        assertEquals(Optional.of(later), store.find(first).orElseThrow().rotatedAt());
        RefreshToken next = store.find(second).orElseThrow();
        assertEquals(session.id(), next.session().id());
        assertEquals(later, next.issuedAt());
        assertEquals(Optional.empty(), next.rotatedAt());
    }

    @Test
    void rotates_a_token_only_once() {
        RefreshTokenHash first = started(jane).first();
        assertTrue(store.rotate(first, aHash(), T0.plusSeconds(1)));

        RefreshTokenHash other = aHash();
        assertFalse(store.rotate(first, other, T0.plusSeconds(2)));
        assertTrue(store.find(other).isEmpty(), "a refused rotation stores nothing");
    }

    @Test
    void does_not_rotate_a_token_of_a_revoked_session() {
        Started started = started(jane);
        RefreshSession session = started.session();
        RefreshTokenHash first = started.first();
        store.revoke(session.id(), T0.plusSeconds(1));

        assertFalse(store.rotate(first, aHash(), T0.plusSeconds(2)));
        assertEquals(Optional.empty(), store.find(first).orElseThrow().rotatedAt());
    }

    @Test
    void does_not_rotate_an_unknown_token() {
        assertFalse(store.rotate(aHash(), aHash(), T0));
    }

    @Test
    void lets_exactly_one_of_many_concurrent_rotations_of_one_token_win() throws Exception {
        RefreshTokenHash first = started(jane).first();
        int racers = 16;
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            RefreshTokenHash next = aHash();
            attempts.add(() -> store.rotate(first, next, T0.plusSeconds(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int wins = 0;
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                wins += attempt.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokes_a_session_once_and_every_token_of_it_shows_it() {
        Started started = started(jane);
        RefreshSession session = started.session();
        RefreshTokenHash first = started.first();
        RefreshTokenHash second = aHash();
        store.rotate(first, second, T0.plusSeconds(1));
        Instant revokedAt = T0.plusSeconds(2);

        assertTrue(store.revoke(session.id(), revokedAt));
        assertFalse(store.revoke(session.id(), revokedAt.plusSeconds(1)));

        assertEquals(Optional.of(revokedAt), store.find(first).orElseThrow().session().revokedAt());
        assertEquals(Optional.of(revokedAt), store.find(second).orElseThrow().session().revokedAt());
    }

    @Test
    void revoking_an_unknown_session_changes_nothing() {
        assertFalse(store.revoke(RefreshSession.start(jane, Set.of(), T0).id(), T0));
    }

    @Test
    void revokes_every_session_of_one_user_and_no_other() {
        RefreshTokenHash janes1Token = started(jane).first();
        Started janes2 = started(jane);
        RefreshTokenHash janes2Token = janes2.first();
        RefreshTokenHash johnsToken = started(john).first();
        store.revoke(janes2.session().id(), T0.plusSeconds(1));

        assertEquals(1, store.revokeAllOf(jane.id(), T0.plusSeconds(2)));

        assertTrue(store.find(janes1Token).orElseThrow().session().isRevoked());
        assertEquals(Optional.of(T0.plusSeconds(1)), store.find(janes2Token).orElseThrow().session().revokedAt(),
                "an already revoked session keeps its first revocation time");
        assertFalse(store.find(johnsToken).orElseThrow().session().isRevoked());
    }

    @Test
    void revokes_every_live_session_started_through_one_client_and_no_other() {
        dev.gatehouse.domain.ClientId app = new dev.gatehouse.domain.ClientId("removed-app");
        RefreshSession janes = RefreshSession.start(jane, Set.of(), Optional.of(app), T0);
        RefreshTokenHash janesToken = aHash();
        store.start(janes, janesToken, T0);
        RefreshSession johns = RefreshSession.start(john, Set.of(), Optional.of(app), T0);
        RefreshTokenHash johnsToken = aHash();
        store.start(johns, johnsToken, T0);
        store.revoke(johns.id(), T0.plusSeconds(1));
        RefreshSession other = RefreshSession.start(jane, Set.of(), Optional.of(new dev.gatehouse.domain.ClientId("removed-app2")), T0);
        RefreshTokenHash otherToken = aHash();
        store.start(other, otherToken, T0);
        RefreshTokenHash noClientToken = started(john).first();

        assertEquals(1, store.revokeAllOfClient(app, T0.plusSeconds(2)));

        assertEquals(Optional.of(T0.plusSeconds(2)), store.find(janesToken).orElseThrow().session().revokedAt());
        assertEquals(Optional.of(T0.plusSeconds(1)), store.find(johnsToken).orElseThrow().session().revokedAt(),
                "an already revoked session keeps its first revocation time");
        assertFalse(store.find(otherToken).orElseThrow().session().isRevoked());
        assertFalse(store.find(noClientToken).orElseThrow().session().isRevoked());
        assertFalse(store.rotate(janesToken, aHash(), T0.plusSeconds(3)), "a revoked session's token no longer rotates");
    }

    @Test
    void forgets_sessions_that_started_or_were_revoked_before_the_cutoff_with_their_tokens() {
        Started old = started(jane);
        RefreshTokenHash oldSecond = aHash();
        store.rotate(old.first(), oldSecond, T0.plusSeconds(1));
        Instant dayTwo = T0.plus(Duration.ofDays(2));
        Started recent = startedAt(jane, T0.plus(Duration.ofDays(3)));
        Started recentButRevoked = startedAt(john, dayTwo);
        store.revoke(recentButRevoked.session().id(), dayTwo.plusSeconds(10));

        assertEquals(1, store.forgetEndedBefore(T0.plus(Duration.ofDays(1))));

        assertTrue(store.find(old.first()).isEmpty());
        assertTrue(store.find(oldSecond).isEmpty());
        assertTrue(store.find(recent.first()).isPresent());
        assertTrue(store.find(recentButRevoked.first()).isPresent());

        assertEquals(1, store.forgetEndedBefore(dayTwo.plusSeconds(11)), "a revoked session goes once its revocation is older");
        assertTrue(store.find(recentButRevoked.first()).isEmpty());
        assertTrue(store.find(recent.first()).isPresent(), "a live session stays until its start is older than the cutoff");
    }

    @Test
    void lists_a_users_live_sessions_with_their_last_use_newest_first_and_no_other_users() {
        Started older = started(jane);
        RefreshTokenHash olderSecond = aHash();
        store.rotate(older.first(), olderSecond, T0.plusSeconds(50));
        Started newer = startedAt(jane, T0.plusSeconds(10));
        Started revoked = started(jane);
        store.revoke(revoked.session().id(), T0.plusSeconds(5));
        started(john);

        List<SessionActivity> active = store.activeOf(jane.id());

        assertEquals(List.of(older.session().id(), newer.session().id()),
                active.stream().map(activity -> activity.session().id()).toList());
        assertEquals(T0.plusSeconds(50), active.get(0).lastUsedAt(), "the newest token's issue time");
        assertEquals(T0.plusSeconds(10), active.get(1).lastUsedAt(), "never refreshed: its start");
        assertEquals(older.session(), active.get(0).session());
        assertTrue(store.activeOf(aUser("nobody").id()).isEmpty());
    }

    @Test
    void a_user_revokes_their_own_session_once_and_never_another_users() {
        Started janes = started(jane);
        Started johns = started(john);

        assertFalse(store.revokeOwn(jane.id(), johns.session().id(), T0.plusSeconds(1)), "john's session is not jane's");
        assertFalse(store.find(johns.first()).orElseThrow().session().isRevoked(), "and nothing of john's ended");
        assertFalse(store.revokeOwn(jane.id(), RefreshSession.start(jane, Set.of(), T0).id(), T0), "an unknown session");

        assertTrue(store.revokeOwn(jane.id(), janes.session().id(), T0.plusSeconds(2)));
        assertFalse(store.revokeOwn(jane.id(), janes.session().id(), T0.plusSeconds(3)), "once");
        assertEquals(Optional.of(T0.plusSeconds(2)), store.find(janes.first()).orElseThrow().session().revokedAt());
        assertEquals(List.of(johns.session().id()), store.activeOf(john.id()).stream().map(a -> a.session().id()).toList());
    }

    @Test
    void of_many_concurrent_revocations_of_one_own_session_exactly_one_wins() throws Exception {
        Started janes = started(jane);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> store.revokeOwn(jane.id(), janes.session().id(), T0.plusSeconds(1)));
            }
            long wins = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                wins += result.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A session started at T0, with the hash of its first token. */
    private record Started(RefreshSession session, RefreshTokenHash first) {
    }

    private Started started(User user) {
        return startedAt(user, T0);
    }

    private Started startedAt(User user, Instant at) {
        RefreshSession session = RefreshSession.start(user, Set.of(), at);
        RefreshTokenHash first = aHash();
        store.start(session, first, at);
        return new Started(session, first);
    }

    private static RefreshTokenHash aHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new RefreshTokenHash(HexFormat.of().formatHex(bytes));
    }

    private static User aUser(String name) {
        return User.register(new Username(name + UUID.randomUUID().toString().substring(0, 8)), new PasswordHash("$test$" + name),
                null, null, T0);
    }
}
