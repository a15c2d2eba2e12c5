package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ForgottenData;
import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.AuthorizationCodesContract;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Housekeeping asks each store to forget what is older than that store's own retention, and no more. */
class ForgetExpiredDataServiceTest {

    // Four different periods, so a cutoff computed from the wrong one shows.
    private static final Retention RETENTION = new Retention(Duration.ofMinutes(15), Duration.ofDays(30),
            Duration.ofSeconds(30), Duration.ofDays(90));

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryRevokedAccessTokens revoked = new InMemoryRevokedAccessTokens();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ForgetExpiredDataService housekeeping =
            new ForgetExpiredDataService(throttle, refreshTokens, revoked, audit, RETENTION, clock);

    @Test
    void forgets_authorization_codes_once_they_have_expired_and_keeps_live_ones() {
        InMemoryAuthorizationCodes codes = new InMemoryAuthorizationCodes();
        ForgetExpiredDataService withCodes = new ForgetExpiredDataService(throttle, refreshTokens, revoked, audit, RETENTION,
                clock, AssertionReplays.none(), codes);
        AuthorizationCode code = AuthorizationCodesContract.aCode();
        codes.store(code);

        assertEquals(0, withCodes.forgetExpiredData().authorizationCodes(), "still live");
        clock.advance(Duration.between(clock.instant(), code.expiresAt()).plusSeconds(1));

        assertEquals(1, withCodes.forgetExpiredData().authorizationCodes());
        assertEquals(java.util.Optional.empty(), codes.find(code.hash()));
    }

    @Test
    void forgets_expired_email_verification_and_password_reset_links_and_mfa_challenges_and_keeps_live_ones() {
        dev.gatehouse.application.testing.InMemoryEmailVerifications verifications =
                new dev.gatehouse.application.testing.InMemoryEmailVerifications(new dev.gatehouse.application.testing.InMemoryUserRepository(),
                        new dev.gatehouse.application.testing.InMemoryMailOutbox());
        dev.gatehouse.application.testing.InMemoryPasswordResets resets = new dev.gatehouse.application.testing.InMemoryPasswordResets();
        dev.gatehouse.application.testing.InMemoryMfaChallenges challenges = new dev.gatehouse.application.testing.InMemoryMfaChallenges();
        ForgetExpiredDataService withLinks = new ForgetExpiredDataService(throttle, refreshTokens, revoked, audit, RETENTION,
                clock, AssertionReplays.none(), new InMemoryAuthorizationCodes(), verifications, resets, challenges);
        Instant now = clock.instant();
        dev.gatehouse.domain.UserId user = dev.gatehouse.domain.UserId.newId();
        challenges.issue(challenge("a", user, now.minusSeconds(1)));
        challenges.issue(challenge("b", user, now.plusSeconds(60)));
        resets.issue(dev.gatehouse.domain.PasswordReset.issue(new dev.gatehouse.domain.ResetTokenHash("1".repeat(64)), user,
                now.minus(Duration.ofMinutes(31))), mail());
        resets.issue(dev.gatehouse.domain.PasswordReset.issue(new dev.gatehouse.domain.ResetTokenHash("2".repeat(64)), user, now),
                mail());
        verifications.issue(dev.gatehouse.domain.EmailVerification.issue(new dev.gatehouse.domain.ResetTokenHash("3".repeat(64)),
                user, new dev.gatehouse.domain.EmailAddress("jane@example.com"), now.minus(Duration.ofHours(25))), mail());
        verifications.issue(dev.gatehouse.domain.EmailVerification.issue(new dev.gatehouse.domain.ResetTokenHash("4".repeat(64)),
                user, new dev.gatehouse.domain.EmailAddress("jane@example.com"), now), mail());

        ForgottenData forgotten = withLinks.forgetExpiredData();

        assertEquals(1, forgotten.emailVerificationLinks());
        assertEquals(1, forgotten.passwordResetLinks());
        assertEquals(1, forgotten.mfaChallenges());
        assertTrue(challenges.find("b".repeat(64)).isPresent(), "a live challenge is kept");
        assertTrue(resets.find(new dev.gatehouse.domain.ResetTokenHash("2".repeat(64))).isPresent());
        assertTrue(verifications.find(new dev.gatehouse.domain.ResetTokenHash("4".repeat(64))).isPresent());
        ForgottenData again = withLinks.forgetExpiredData();
        assertEquals(0, again.emailVerificationLinks() + again.passwordResetLinks() + again.mfaChallenges(), "nothing left");
    }

    @Test
    void forgets_a_logged_out_browser_session_only_once_its_cookie_and_every_session_it_started_are_past() {
        dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry browserSessions =
                new dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry(clock);
        Duration retention = Duration.ofDays(31);
        ForgetExpiredDataService withBrowserSessions = new ForgetExpiredDataService(throttle, refreshTokens, revoked, audit,
                RETENTION, clock, AssertionReplays.none(), new InMemoryAuthorizationCodes(),
                dev.gatehouse.application.port.out.EmailVerifications.none(),
                dev.gatehouse.application.port.out.PasswordResets.none(),
                dev.gatehouse.application.port.out.MfaChallenges.none(), browserSessions, retention);
        dev.gatehouse.domain.BrowserSessionId ended = dev.gatehouse.domain.BrowserSessionId.newId();
        assertTrue(browserSessions.end(ended, clock.instant()));

        clock.advance(retention.minusSeconds(1));
        assertEquals(0, withBrowserSessions.forgetExpiredData().browserSessionRecords());
        assertTrue(browserSessions.hasEnded(ended), "a cookie of it could still come back: still ended");

        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, withBrowserSessions.forgetExpiredData().browserSessionRecords());
        assertEquals(0, withBrowserSessions.forgetExpiredData().browserSessionRecords(), "nothing left");
    }

    private static dev.gatehouse.domain.MfaChallenge challenge(String hex, dev.gatehouse.domain.UserId user, Instant expiresAt) {
        return new dev.gatehouse.domain.MfaChallenge(hex.repeat(64), user, 0, java.util.Optional.empty(), java.util.Set.of(),
                java.util.Optional.empty(), expiresAt);
    }

    private static dev.gatehouse.application.port.out.OutgoingMail mail() {
        return new dev.gatehouse.application.port.out.OutgoingMail(java.util.UUID.randomUUID(),
                new dev.gatehouse.domain.EmailAddress("jane@example.com"),
                dev.gatehouse.application.port.out.MailTemplate.PASSWORD_RESET, java.util.Map.of("link", "x", "minutes", "30"));
    }

    @Test
    void forgets_from_each_store_what_is_older_than_its_own_retention() {
        Instant now = clock.instant();
        ThrottleKey quiet = ThrottleKey.client(new ClientAddress("192.0.2.1"));
        ThrottleKey recent = ThrottleKey.client(new ClientAddress("192.0.2.2"));
        throttle.change(quiet, before -> failedAt(now.minus(Duration.ofMinutes(16))));
        throttle.change(recent, before -> failedAt(now.minus(Duration.ofMinutes(14))));
        revoked.revoke("long expired", now.minusSeconds(31));
        revoked.revoke("just expired", now.minusSeconds(29));
        audit.record(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "old", ClientAddress.LOCAL, now.minus(Duration.ofDays(91))));
        audit.record(new AuditEvent(AuditEvent.Type.LOGIN_FAILED, "kept", ClientAddress.LOCAL, now.minus(Duration.ofDays(89))));

        ForgottenData forgotten = housekeeping.forgetExpiredData();

        assertEquals(new ForgottenData(1, 0, 1, 1), forgotten);
        assertEquals(FailedAttempts.NONE, throttle.attemptsOf(quiet));
        assertEquals(1, throttle.attemptsOf(recent).count());
        assertFalse(revoked.isRevoked("long expired"));
        assertTrue(revoked.isRevoked("just expired"), "a token within the clock skew could still be accepted");
        assertEquals(List.of("kept"), audit.events().stream().map(AuditEvent::subject).toList());
        assertEquals(new ForgottenData(0, 0, 0, 0), housekeeping.forgetExpiredData(), "nothing left to forget");
    }

    @Test
    void refuses_a_retention_that_would_forget_what_still_counts() {
        assertThrows(IllegalArgumentException.class,
                () -> new Retention(Duration.ZERO, Duration.ofDays(1), Duration.ZERO, Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Retention(Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofSeconds(-1), Duration.ofDays(1)));
    }

    private static FailedAttempts failedAt(Instant at) {
        return new FailedAttempts(1, at, at, at);
    }
}
