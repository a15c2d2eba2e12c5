package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.AdminResult.Refusal;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Disables an account, ending every session at once (the security version moves on, and its refresh tokens are
 * revoked), or enables it again; sessions ended by disabling stay ended. Enabling also clears the account's login
 * backoff, as unlocking does: the owner's attempts while it was disabled failed, and the known device that would
 * have let the owner past them was retired with the sessions. Asking for the state the account is already in
 * changes and records nothing.
 */
public final class SetUserEnabledService implements SetUserEnabledUseCase {

    private final AdminGate gate;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final Clock clock;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    SetUserEnabledService(AdminGate gate, UserRepository users, RefreshTokens refreshTokens, LoginThrottle throttle, Clock clock) {
        this.gate = gate;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public AdminResult<User> setEnabled(AccountAction action, boolean enabled) {
        return gate.onAccount(action, (actorName, user) -> {
            if (enabled) {
                Optional<AccountChange> change = AccountChange.apply(users, user.id(), User::enable);
                return change.<AdminResult<User>>map(done -> settle(done, true, action, actorName))
                        .orElseGet(() -> new AdminResult.Refused<>(Refusal.NO_SUCH_USER));
            }
            return switch (AccountChange.applyKeepingAnAdministrator(users, action, actorName, user, stored -> stored.isActive() ? stored.disable() : stored)) {
                case AdminResult.Done<AccountChange>(AccountChange done) -> settle(done, false, action, actorName);
                case AdminResult.Refused<AccountChange>(Refusal refusal) -> new AdminResult.Refused<>(refusal);
            };
        });
    }

    /** Revokes and records only what really changed: asking for the state the account is in does nothing. */
    private AdminResult<User> settle(AccountChange change, boolean enabled, AccountAction action, String actorName) {
        User changed = change.user();
        if (!change.changed()) {
            return new AdminResult.Done<>(changed);
        }
        if (enabled) {
            throttle.clear(ThrottleKey.account(changed.username()));
        } else {
            refreshTokens.revokeAllOf(changed.id(), clock.instant());
        }
        gate.record(enabled ? AuditEvent.Type.USER_ENABLED : AuditEvent.Type.USER_DISABLED, changed, action, actorName);
        return new AdminResult.Done<>(changed);
    }
}
