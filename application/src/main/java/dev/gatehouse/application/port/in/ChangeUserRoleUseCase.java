package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;

/** Assigns a role to an account or removes it; either change ends the account's sessions. */
public interface ChangeUserRoleUseCase {

    AdminResult<User> changeRole(AccountAction action, Role role, boolean held);
}
