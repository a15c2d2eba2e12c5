package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;

/**
 * Clears the account's login backoff. The per-client budget stays: it throttles an address, not the account,
 * and clearing it would hand an attacker fresh guesses.
 */
public final class UnlockUserService implements UnlockUserUseCase {

    private final AdminGate gate;
    private final LoginThrottle throttle;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    UnlockUserService(AdminGate gate, LoginThrottle throttle) {
        this.gate = gate;
        this.throttle = throttle;
    }

    @Override
    public AdminResult<User> unlock(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> {
            throttle.clear(ThrottleKey.account(user.username()));
            gate.record(AuditEvent.Type.ACCOUNT_UNLOCKED, user, action, actorName);
            return new AdminResult.Done<>(user);
        });
    }
}
