package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RevokedAccessTokens} adapter must do. Extend it, return a list over an empty store from
 * {@link #newEmptyList()}, and, for a store several instances share, another view of the same store from
 * {@link #anotherInstanceOnTheSameStore()}.
 */
public abstract class RevokedAccessTokensContract {

    protected static final Instant LATER = Instant.now().plus(15, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);

    protected abstract RevokedAccessTokens newEmptyList();

    /** The same store as the last {@link #newEmptyList()}, seen as another instance would; itself by default. */
    protected RevokedAccessTokens anotherInstanceOnTheSameStore() {
        return lastList;
    }

    private RevokedAccessTokens lastList;

    private RevokedAccessTokens fresh() {
        lastList = newEmptyList();
        return lastList;
    }

    @Test
    void refuses_a_revoked_token_and_no_other() {
        RevokedAccessTokens list = fresh();
        String revoked = UUID.randomUUID().toString();

        list.revoke(revoked, LATER);

        assertTrue(list.isRevoked(revoked));
        assertFalse(list.isRevoked(UUID.randomUUID().toString()));
    }

    @Test
    void revoking_twice_is_harmless() {
        RevokedAccessTokens list = fresh();
        String revoked = UUID.randomUUID().toString();

        list.revoke(revoked, LATER);
        list.revoke(revoked, LATER.plusSeconds(60));

        assertTrue(list.isRevoked(revoked));
    }

    @Test
    void another_instance_on_the_same_store_refuses_it_too() {
        RevokedAccessTokens list = fresh();
        String revoked = UUID.randomUUID().toString();
        RevokedAccessTokens other = anotherInstanceOnTheSameStore();
        assertFalse(other.isRevoked(revoked));

        list.revoke(revoked, LATER);

        assertTrue(other.isRevoked(revoked));
    }

    @Test
    void a_token_id_as_long_as_tokens_allow_is_kept() {
        RevokedAccessTokens list = fresh();
        String longest = "j".repeat(128);

        list.revoke(longest, LATER);

        assertTrue(anotherInstanceOnTheSameStore().isRevoked(longest));
    }

    @Test
    void refuses_the_tokens_of_a_revoked_session_and_of_no_other_on_every_instance() {
        RevokedAccessTokens list = fresh();
        SessionId revoked = SessionId.newId();
        SessionId other = SessionId.newId();
        RevokedAccessTokens elsewhere = anotherInstanceOnTheSameStore();
        assertFalse(elsewhere.isSessionRevoked(revoked));

        list.revokeSession(revoked, LATER);
        list.revokeSession(revoked, LATER.plusSeconds(60));

        assertTrue(list.isSessionRevoked(revoked));
        assertTrue(elsewhere.isSessionRevoked(revoked));
        assertFalse(list.isSessionRevoked(other));
        assertFalse(list.isRevoked(revoked.value().toString()), "a session is not a token id");
        assertFalse(list.isRevoked("sid:" + revoked.value()), "nor is it one in another spelling");
    }

    @Test
    void forgets_what_expired_before_a_cutoff_and_keeps_refusing_the_rest() {
        RevokedAccessTokens list = fresh();
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SessionId endedSession = new SessionId(UUID.randomUUID());
        SessionId liveSession = new SessionId(UUID.randomUUID());
        list.revoke("expired", cutoff.minusSeconds(60));
        list.revoke("live", LATER);
        list.revokeSession(endedSession, cutoff.minusSeconds(1));
        list.revokeSession(liveSession, LATER);

        assertEquals(2, list.forgetExpiredBefore(cutoff));

        RevokedAccessTokens other = anotherInstanceOnTheSameStore();
        assertFalse(other.isRevoked("expired"));
        assertTrue(other.isRevoked("live"));
        assertTrue(other.isSessionRevoked(liveSession));
        assertEquals(0, list.forgetExpiredBefore(cutoff), "nothing left to forget");
    }
}
