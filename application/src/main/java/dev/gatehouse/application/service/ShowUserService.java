package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.domain.User;

/** One account, as an administrator sees it. */
public final class ShowUserService implements ShowUserUseCase {

    private final AdminGate gate;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    ShowUserService(AdminGate gate) {
        this.gate = gate;
    }

    @Override
    public AdminResult<User> show(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> new AdminResult.Done<>(user));
    }
}
