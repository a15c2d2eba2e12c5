package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes a password on proof of the current one. The new password must pass the policy; storing it moves the
 * user's security version on, which refuses every earlier token, and revokes every session. The caller gets
 * a fresh session with the scopes its token had, as far as the account's current roles still allow them. The new
 * hash is stored only onto the account as the token knew it: a change made meanwhile (disabled, sessions ended,
 * roles changed) wins, and this one fails. A password an external directory keeps is changed in the directory, never
 * here.
 */
public final class ChangePasswordService implements ChangePasswordUseCase {

    private final BearerAuthentication authentication;
    private final AttemptBudgets budgets;
    private final AccountBackoff backoff;
    private final PasswordHasher hasher;
    private final PasswordReplacement replacement;
    private final KnownDevices knownDevices;
    private final SessionIssuer sessions;
    private final ScopePolicy scopes;
    private final AuditLog audit;
    private final Clock clock;

    public ChangePasswordService(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users,
                                 PasswordHasher hasher, PasswordPolicy policy, RefreshTokens refreshTokens, KnownDevices knownDevices,
                                 LoginThrottle throttle, AccountBackoff backoff, ScopePolicy scopes, AuditLog audit, Clock clock) {
        this.budgets = new AttemptBudgets(throttle, clock);
        this.backoff = backoff;
        this.authentication = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
        this.hasher = hasher;
        this.replacement = new PasswordReplacement(users, hasher, policy, refreshTokens);
        this.knownDevices = knownDevices;
        this.sessions = new SessionIssuer(refreshTokens, accessTokens, clock);
        this.scopes = scopes;
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
        if (user.passwordHash().directoryEntry().isPresent()) {
            // Refused before any check: a token holder must not be able to guess at the directory's password here.
            audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
            return new ChangePasswordResult.PasswordInDirectory();
        }
        // A backoff like the login's, on a key of its own: a stolen token guesses no faster than the login, and an
        // attacker guessing at the login cannot stop the owner, who holds the token, from changing the password.
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.serial(ThrottleKey.passwordChange(user.id()), backoff)))) {
            case AttemptBudgets.Refused refused -> {
                audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
                return new ChangePasswordResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            if (!hasher.verify(command.currentPassword(), user.passwordHash())) {
                budgets.failed(charged);
                audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
                return new ChangePasswordResult.WrongCurrentPassword();
            }
            budgets.succeeded(charged);
            Optional<String> rejection = replacement.rejectionReason(user, command.newPassword());
            if (rejection.isPresent()) {
                return new ChangePasswordResult.PasswordRejected(rejection.get());
            }
            // Only onto the account as the token knew it: had it been disabled, or its sessions ended (by another
            // password change, a role change, an administrator) since, this change must not undo that.
            PasswordReplacement.Outcome outcome = replacement.replace(user, command.newPassword(), now);
            if (!outcome.replaced()) {
                return outcome.stored().isPresent() && outcome.stored().get().isDisabled()
                        ? new ChangePasswordResult.InactiveUser() : new ChangePasswordResult.InvalidToken();
            }
            User changed = outcome.stored().orElseThrow();
            audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGED, user.username().value(), command.client(), now));
            // The new session belongs to the client application the old one did, if any, with the scopes the
            // account's roles allow now.
            SessionIssuer.Issued issued = sessions.start(changed, scopes.grant(changed, bearer.claims().scopes()),
                    bearer.claims().client());
            // The password change ended every known device (a new security version); the caller's is known again.
            return new ChangePasswordResult.Changed(issued.accessToken(), issued.refreshToken(), knownDevices.enrol(changed));
        } catch (HashingOverloadedException overloaded) {
            return new ChangePasswordResult.Overloaded(overloaded.retryAfter());
        } finally {
            // Unless settled above: the attempt was never verified (no hashing capacity, the store failed).
            budgets.notVerified(charged);
        }
    }
}
