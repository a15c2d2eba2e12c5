package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ForgetExpiredDataUseCase;
import dev.gatehouse.application.port.in.ForgottenData;
import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Deletes, from each store through its port, what is older than its {@link Retention}. */
public final class ForgetExpiredDataService implements ForgetExpiredDataUseCase {

    private final LoginThrottle throttle;
    private final AssertionReplays assertionReplays;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final AuditLog audit;
    private final Retention retention;
    private final Clock clock;
    private final AuthorizationCodes authorizationCodes;
    private final EmailVerifications emailVerifications;
    private final PasswordResets passwordResets;
    private final MfaChallenges mfaChallenges;
    private final BrowserSessionRegistry browserSessions;
    private final Duration browserSessionRetention;

    public ForgetExpiredDataService(LoginThrottle throttle, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                                    AuditLog audit, Retention retention, Clock clock) {
        this(throttle, refreshTokens, revokedAccessTokens, audit, retention, clock, AssertionReplays.none(),
                AuthorizationCodes.none());
    }

    /**
     * Also forgets the client assertions used that have expired (refused anyway, so nothing to remember) and the
     * authorization codes that have expired (a used or unused code is worthless then).
     */
    public ForgetExpiredDataService(LoginThrottle throttle, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                                    AuditLog audit, Retention retention, Clock clock, AssertionReplays assertionReplays,
                                    AuthorizationCodes authorizationCodes) {
        this(throttle, refreshTokens, revokedAccessTokens, audit, retention, clock, assertionReplays, authorizationCodes,
                EmailVerifications.none(), PasswordResets.none(), MfaChallenges.none());
    }

    /**
     * Also forgets the email-verification and password-reset links that have expired (used or not, a link is refused
     * then, so nothing is left to remember) and the logins that waited for a second factor until their challenge expired.
     */
    public ForgetExpiredDataService(LoginThrottle throttle, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                                    AuditLog audit, Retention retention, Clock clock, AssertionReplays assertionReplays,
                                    AuthorizationCodes authorizationCodes, EmailVerifications emailVerifications,
                                    PasswordResets passwordResets, MfaChallenges mfaChallenges) {
        this(throttle, refreshTokens, revokedAccessTokens, audit, retention, clock, assertionReplays, authorizationCodes,
                emailVerifications, passwordResets, mfaChallenges, BrowserSessionRegistry.none(), Duration.ZERO);
    }

    /**
     * Also forgets the records of logged-out browser sessions and of the sessions each started, once they are older than
     * {@code browserSessionRetention}: longer than a browser session's cookie and a refresh session's absolute lifetime,
     * so neither an ended cookie nor a live refresh session outlives its record.
     */
    public ForgetExpiredDataService(LoginThrottle throttle, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                                    AuditLog audit, Retention retention, Clock clock, AssertionReplays assertionReplays,
                                    AuthorizationCodes authorizationCodes, EmailVerifications emailVerifications,
                                    PasswordResets passwordResets, MfaChallenges mfaChallenges,
                                    BrowserSessionRegistry browserSessions, Duration browserSessionRetention) {
        this.browserSessions = browserSessions;
        this.browserSessionRetention = browserSessionRetention;
        this.emailVerifications = emailVerifications;
        this.passwordResets = passwordResets;
        this.mfaChallenges = mfaChallenges;
        this.assertionReplays = assertionReplays;
        this.authorizationCodes = authorizationCodes;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public ForgottenData forgetExpiredData() {
        Instant now = clock.instant();
        return new ForgottenData(
                throttle.forgetQuietSince(now.minus(retention.failedLogins())),
                refreshTokens.forgetEndedBefore(now.minus(retention.sessions())),
                revokedAccessTokens.forgetExpiredBefore(now.minus(retention.revokedTokens())),
                audit.forgetBefore(now.minus(retention.auditEvents())),
                assertionReplays.forgetExpiredBefore(now),
                authorizationCodes.forgetExpiredBefore(now),
                emailVerifications.forgetExpiredBefore(now),
                passwordResets.forgetExpiredBefore(now),
                mfaChallenges.forgetExpiredBefore(now),
                browserSessions.forgetBefore(now.minus(browserSessionRetention)));
    }
}
