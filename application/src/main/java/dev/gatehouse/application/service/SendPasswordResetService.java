package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;

/**
 * Mails the account's owner a reset link on an administrator's word, through the links the owner's own request issues
 * ({@link PasswordResetLinks}). Unlike the owner's request, it says what happened: an administrator may know whether
 * an account exists and has an address. Not throttled: the admission is the administrator's.
 */
public final class SendPasswordResetService implements SendPasswordResetUseCase {

    private final AdminGate gate;
    private final PasswordResetLinks links;
    private final Clock clock;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    SendPasswordResetService(AdminGate gate, PasswordResetLinks links, Clock clock) {
        this.gate = gate;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public AdminResult<User> sendPasswordReset(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> {
            if (!user.isActive() || user.passwordHash().directoryEntry().isPresent()) {
                return new AdminResult.Refused<>(AdminResult.Refusal.NOT_RESETTABLE);
            }
            if (user.email().isEmpty()) {
                return new AdminResult.Refused<>(AdminResult.Refusal.NO_EMAIL_ADDRESS);
            }
            links.issue(user, clock.instant());
            gate.record(AuditEvent.Type.PASSWORD_RESET_REQUESTED, user, action, actorName);
            return new AdminResult.Done<>(user);
        });
    }
}
