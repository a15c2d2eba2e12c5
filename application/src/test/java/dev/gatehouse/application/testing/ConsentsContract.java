package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Consents} adapter must do. Extend it, return a store with no consents from
 * {@link #newEmptyStore()}, and, for a store several instances share, another instance's view of the same store from
 * {@link #anotherInstanceOnTheSameStore()}. The promise that matters: grants for one user and client that race, on
 * one instance or two, leave one consent with the union of their scopes; nothing agreed to is lost.
 */
public abstract class ConsentsContract {

    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final int RACERS = 16;
    private static final ClientId CLIENT = new ClientId("third-party-app");

    protected abstract Consents newEmptyStore();

    /** The same store as the last {@link #newEmptyStore()}, seen as another instance would; itself by default. */
    protected Consents anotherInstanceOnTheSameStore() {
        return last;
    }

    private Consents last;

    private Consents fresh() {
        last = newEmptyStore();
        return last;
    }

    private static Set<Scope> scopes(String spaceSeparated) {
        return Scope.parseList(spaceSeparated);
    }

    @Test
    void remembers_a_consent_per_user_and_client() {
        Consents consents = fresh();
        UserId user = UserId.newId();

        Consent stored = consents.grant(user, CLIENT, scopes("openid profile"), NOW);

        Consent expected = new Consent(user, CLIENT, scopes("profile openid"), NOW);
        assertEquals(expected, stored);
        assertEquals(Optional.of(expected), consents.find(user, CLIENT));
        assertEquals(Optional.of(expected), anotherInstanceOnTheSameStore().find(user, CLIENT));
        assertEquals(Optional.empty(), consents.find(UserId.newId(), CLIENT));
        assertEquals(Optional.empty(), consents.find(user, new ClientId("another-app")));
    }

    @Test
    void a_later_grant_adds_scopes_and_never_removes_any() {
        Consents consents = fresh();
        UserId user = UserId.newId();
        consents.grant(user, CLIENT, scopes("openid profile"), NOW);

        Consent stored = anotherInstanceOnTheSameStore().grant(user, CLIENT, scopes("openid email"), NOW.plusSeconds(5));

        assertEquals(scopes("email openid profile"), stored.scopes());
        assertEquals(Optional.of(new Consent(user, CLIENT, scopes("email openid profile"), NOW.plusSeconds(5))),
                consents.find(user, CLIENT));
        assertTrue(consents.find(user, CLIENT).orElseThrow().covers(scopes("profile email")));
    }

    @Test
    void keeps_a_consent_to_no_scope_at_all() {
        Consents consents = fresh();
        UserId user = UserId.newId();

        consents.grant(user, CLIENT, Set.of(), NOW);

        assertEquals(Optional.of(new Consent(user, CLIENT, Set.of(), NOW)), anotherInstanceOnTheSameStore().find(user, CLIENT));
    }

    @Test
    void lists_a_users_consents_and_only_theirs() {
        Consents consents = fresh();
        UserId user = UserId.newId();
        consents.grant(user, new ClientId("b-app"), scopes("openid"), NOW);
        consents.grant(user, new ClientId("a-app"), scopes("email"), NOW);
        consents.grant(UserId.newId(), new ClientId("a-app"), scopes("profile"), NOW);

        assertEquals(List.of(new Consent(user, new ClientId("a-app"), scopes("email"), NOW),
                new Consent(user, new ClientId("b-app"), scopes("openid"), NOW)), anotherInstanceOnTheSameStore().of(user));
        assertEquals(List.of(), consents.of(UserId.newId()));
    }

    @Test
    void a_revoked_consent_is_gone_for_every_instance_and_the_next_grant_starts_afresh() {
        Consents consents = fresh();
        UserId user = UserId.newId();
        UserId other = UserId.newId();
        consents.grant(user, CLIENT, scopes("openid profile"), NOW);
        consents.grant(other, CLIENT, scopes("openid"), NOW);

        assertTrue(anotherInstanceOnTheSameStore().revoke(user, CLIENT));
        assertFalse(consents.revoke(user, CLIENT));

        assertEquals(Optional.empty(), consents.find(user, CLIENT));
        assertEquals(Optional.of(new Consent(other, CLIENT, scopes("openid"), NOW)), consents.find(other, CLIENT));
        assertEquals(scopes("email"), consents.grant(user, CLIENT, scopes("email"), NOW.plusSeconds(1)).scopes());
    }

    @Test
    void parallel_grants_on_two_instances_store_one_consent_with_the_union_of_their_scopes() throws Exception {
        Consents consents = fresh();
        List<Consents> instances = List.of(consents, anotherInstanceOnTheSameStore());
        UserId user = UserId.newId();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        Set<Scope> all = new HashSet<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Consent>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Consents instance = instances.get(i % 2);
                // Every racer agrees to one scope of its own and one it shares with the others.
                Set<Scope> mine = scopes("openid items:" + i);
                all.addAll(mine);
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.grant(user, CLIENT, mine, NOW);
                }));
            }
            start.countDown();
            for (Future<Consent> result : results) {
                Consent answered = result.get();
                assertEquals(user, answered.user());
                assertTrue(answered.scopes().size() >= 2, answered::toString);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(Optional.of(new Consent(user, CLIENT, all, NOW)), consents.find(user, CLIENT));
        assertEquals(1, anotherInstanceOnTheSameStore().of(user).size());
    }
}
