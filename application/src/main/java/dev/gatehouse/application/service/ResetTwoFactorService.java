package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;

/** An administrator's removal of a user's second factor, through the one {@link AdminGate}; audited with the actor. */
public final class ResetTwoFactorService implements ResetTwoFactorUseCase {

    private final AdminGate gate;
    private final TwoFactorCredentials credentials;

    ResetTwoFactorService(AdminGate gate, TwoFactorCredentials credentials) {
        this.gate = gate;
        this.credentials = credentials;
    }

    @Override
    public AdminResult<User> resetTwoFactor(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> {
            if (credentials.remove(user.id())) {
                gate.record(AuditEvent.Type.TWO_FACTOR_REMOVED, user, action, actorName);
            }
            return new AdminResult.Done<>(user);
        });
    }
}
