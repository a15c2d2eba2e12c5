package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes a password on proof of the current one. The new password must pass the policy; storing it moves the
 * user's security version on, which refuses every earlier token, and revokes every session. The caller gets
 * a fresh session with the scopes its token had.
 */
public final class ChangePasswordService implements ChangePasswordUseCase {

    private final BearerAuthentication authentication;
    private final LoginThrottle throttle;
    private final AccountBackoff backoff;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;
    private final SessionIssuer sessions;
    private final AuditLog audit;
    private final Clock clock;

    public ChangePasswordService(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users,
                                 PasswordHasher hasher, PasswordPolicy policy, RefreshTokens refreshTokens,
                                 LoginThrottle throttle, AccountBackoff backoff, AuditLog audit, Clock clock) {
        this.throttle = throttle;
        this.backoff = backoff;
        this.authentication = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.sessions = new SessionIssuer(refreshTokens, accessTokens, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ChangePasswordResult changePassword(ChangePasswordCommand command) {
        BearerAuthentication.Bearer bearer;
        switch (authentication.authenticate(command.accessToken())) {
            case BearerAuthentication.Accepted accepted -> bearer = accepted.bearer();
            case BearerAuthentication.Inactive inactive -> {
                return new ChangePasswordResult.InactiveUser();
            }
            case BearerAuthentication.Refused refused -> {
                return new ChangePasswordResult.InvalidToken();
            }
        }
        User user = bearer.user();
        Instant now = clock.instant();
        // The same backoff as the login's: a wrong current password counts as a failed login of the account.
        ThrottleKey account = ThrottleKey.account(user.username());
        Optional<Duration> wait = throttle.attemptsOf(account).retryAfter(now);
        if (wait.isPresent()) {
            audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
            return new ChangePasswordResult.Throttled(wait.get());
        }
        try {
            if (!hasher.verify(command.currentPassword(), user.passwordHash())) {
                throttle.recordFailure(account, before -> backoff.afterFailure(before, now));
                audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
                return new ChangePasswordResult.WrongCurrentPassword();
            }
            throttle.clear(account);
            Optional<String> rejection = policy.rejectionReason(user.username(), user.email(), command.newPassword());
            if (rejection.isPresent()) {
                return new ChangePasswordResult.PasswordRejected(rejection.get());
            }
            User changed = user.changePassword(hasher.hash(command.newPassword()));
            users.update(changed);
            refreshTokens.revokeAllOf(changed.id(), now);
            audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGED, user.username().value(), command.client(), now));
            // The new session belongs to the client application the old one did, if any.
            SessionIssuer.Issued issued = sessions.start(changed, bearer.claims().scopes(), bearer.claims().client());
            return new ChangePasswordResult.Changed(issued.accessToken(), issued.refreshToken());
        } catch (HashingOverloadedException overloaded) {
            return new ChangePasswordResult.Overloaded(overloaded.retryAfter());
        }
    }
}
