package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import java.time.Clock;

/** One account, as an administrator sees it. */
public final class ShowUserService implements ShowUserUseCase {

    private final AdminGate gate;

    public ShowUserService(AccessTokens accessTokens, UserRepository users, AuditLog audit, Clock clock) {
        this.gate = new AdminGate(accessTokens, users, audit, clock);
    }

    @Override
    public AdminResult<User> show(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> new AdminResult.Done<>(user));
    }
}
