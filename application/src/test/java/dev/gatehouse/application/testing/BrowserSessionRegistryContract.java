package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BrowserSessionRegistry} adapter must do. Extend it, return an empty registry from
 * {@link #newEmptyRegistry()} and, for one several instances share, another instance's view of it from
 * {@link #anotherInstanceOnTheSameStore()}. The promises that matter: a browser session ended on one instance is
 * ended on every other at once, and of many instances ending it at the same time exactly one does.
 */
public abstract class BrowserSessionRegistryContract {

    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final int RACERS = 12;

    protected abstract BrowserSessionRegistry newEmptyRegistry();

    /** The same registry as the last {@link #newEmptyRegistry()}, as another instance sees it; itself by default. */
    protected BrowserSessionRegistry anotherInstanceOnTheSameStore() {
        return last;
    }

    private BrowserSessionRegistry last;

    private BrowserSessionRegistry fresh() {
        last = newEmptyRegistry();
        return last;
    }

    @Test
    void a_new_browser_session_has_not_ended() {
        assertFalse(fresh().hasEnded(BrowserSessionId.newId()));
    }

    @Test
    void an_ended_browser_session_is_ended_on_every_instance_and_ends_once() {
        BrowserSessionRegistry registry = fresh();
        BrowserSessionId session = BrowserSessionId.newId();
        BrowserSessionId other = BrowserSessionId.newId();

        assertTrue(registry.end(session, NOW));

        BrowserSessionRegistry elsewhere = anotherInstanceOnTheSameStore();
        assertTrue(elsewhere.hasEnded(session));
        assertFalse(elsewhere.hasEnded(other));
        assertFalse(elsewhere.end(session, NOW.plusSeconds(1)), "ending it again changes nothing");
    }

    @Test
    void of_many_instances_ending_one_browser_session_at_once_exactly_one_ends_it() throws Exception {
        fresh();
        List<BrowserSessionRegistry> instances = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            instances.add(i % 2 == 0 ? last : anotherInstanceOnTheSameStore());
        }
        BrowserSessionId session = BrowserSessionId.newId();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Boolean>> ends = new ArrayList<>();
            for (BrowserSessionRegistry instance : instances) {
                ends.add(pool.submit(() -> {
                    start.await();
                    return instance.end(session, NOW);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> end : ends) {
                won += end.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refresh_sessions_attached_to_a_browser_session_are_found_from_it_and_know_their_origin() {
        BrowserSessionRegistry registry = fresh();
        BrowserSessionId browser = BrowserSessionId.newId();
        SessionId first = SessionId.newId();
        SessionId second = SessionId.newId();
        SessionId elsewhere = SessionId.newId();
        registry.attach(first, new BrowserSessionRegistry.Origin(browser, NOW.minusSeconds(60)));
        registry.attach(second, new BrowserSessionRegistry.Origin(browser, NOW.minusSeconds(60)));
        registry.attach(elsewhere, new BrowserSessionRegistry.Origin(BrowserSessionId.newId(), NOW));

        BrowserSessionRegistry other = anotherInstanceOnTheSameStore();
        assertEquals(Set.of(first, second), Set.copyOf(other.sessionsOf(browser)));
        assertEquals(Optional.of(new BrowserSessionRegistry.Origin(browser, NOW.minusSeconds(60))), other.originOf(first));
        assertEquals(Optional.empty(), other.originOf(SessionId.newId()));
        assertEquals(List.of(), other.sessionsOf(BrowserSessionId.newId()));
    }

    @Test
    void forgetting_keeps_what_ended_after_the_cutoff() {
        BrowserSessionRegistry registry = fresh();
        BrowserSessionId old = BrowserSessionId.newId();
        BrowserSessionId recent = BrowserSessionId.newId();
        registry.end(old, NOW.minusSeconds(3600));
        registry.end(recent, NOW);

        registry.forgetBefore(NOW.minusSeconds(60));

        assertFalse(registry.hasEnded(old));
        assertTrue(registry.hasEnded(recent));
    }
}
