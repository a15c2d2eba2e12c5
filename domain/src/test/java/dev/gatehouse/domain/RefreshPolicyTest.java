package dev.gatehouse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.domain.RefreshPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

    private static final Instant LOGIN = Instant.parse("2026-11-22T10:00:00Z");
    private final RefreshPolicy policy = new RefreshPolicy(Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(10));
    private final User jane = User.register(new Username("jane"), new PasswordHash("$test$x"), null, null, LOGIN);
    private final RefreshSession session = RefreshSession.start(jane, Set.of(), LOGIN);

    @Test
    void a_fresh_token_of_a_live_session_is_usable() {
        assertEquals(Verdict.USABLE, policy.judge(token(LOGIN, null), 0, LOGIN.plusSeconds(1)));
    }

    @Test
    void a_session_ends_after_its_absolute_lifetime_however_often_it_was_refreshed() {
        Instant lastRefresh = LOGIN.plus(Duration.ofDays(29));

        assertEquals(Verdict.USABLE, policy.judge(token(lastRefresh, null), 0, LOGIN.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertEquals(Verdict.EXPIRED, policy.judge(token(lastRefresh, null), 0, LOGIN.plus(Duration.ofDays(30))));
    }

    @Test
    void a_session_ends_after_the_idle_timeout_without_a_refresh() {
        assertEquals(Verdict.USABLE, policy.judge(token(LOGIN, null), 0, LOGIN.plus(Duration.ofDays(7)).minusSeconds(1)));
        assertEquals(Verdict.EXPIRED, policy.judge(token(LOGIN, null), 0, LOGIN.plus(Duration.ofDays(7))));
    }

    @Test
    void a_token_is_usable_until_its_idle_end_or_its_session_s_end_whichever_comes_first() {
        assertEquals(LOGIN.plus(Duration.ofDays(7)), policy.usableUntil(token(LOGIN, null)));
        assertEquals(LOGIN.plus(Duration.ofDays(30)), policy.usableUntil(token(LOGIN.plus(Duration.ofDays(29)), null)));
    }

    @Test
    void an_exchanged_token_within_the_grace_window_is_a_race_and_later_a_replay() {
        Instant exchanged = LOGIN.plus(Duration.ofHours(1));
        RefreshToken used = token(LOGIN, exchanged);

        assertEquals(Verdict.RACED, policy.judge(used, 0, exchanged.plusSeconds(10)));
        assertEquals(Verdict.REPLAYED, policy.judge(used, 0, exchanged.plusSeconds(11)));
    }

    @Test
    void a_revoked_session_or_a_newer_security_version_refuses_every_token() {
        RefreshSession revoked = new RefreshSession(session.id(), session.userId(), Set.of(), 0, LOGIN, Optional.of(LOGIN.plusSeconds(5)),
                Optional.empty());

        assertEquals(Verdict.REVOKED, policy.judge(new RefreshToken(aHash(), revoked, LOGIN, Optional.empty()), 0, LOGIN.plusSeconds(6)));
        assertEquals(Verdict.REVOKED, policy.judge(token(LOGIN, null), 1, LOGIN.plusSeconds(6)));
    }

    @Test
    void refuses_inconsistent_settings() {
        assertThrows(IllegalArgumentException.class, () -> new RefreshPolicy(Duration.ofDays(1), Duration.ofDays(2), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RefreshPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RefreshPolicy(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(2)));
    }

    private RefreshToken token(Instant issuedAt, Instant rotatedAt) {
        return new RefreshToken(aHash(), session, issuedAt, Optional.ofNullable(rotatedAt));
    }

    private static RefreshTokenHash aHash() {
        return new RefreshTokenHash("a".repeat(64));
    }
}
